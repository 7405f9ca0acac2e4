DROP TABLE registration_applications;
DROP TABLE local_users;
DROP TABLE people;
