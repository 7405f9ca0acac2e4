DROP TABLE site;
DROP TABLE instances;
