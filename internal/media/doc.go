// Package media takes pictures in and hands them out: it checks an upload
// (size, format, pixel count read from the header before anything is
// decoded), re-encodes it from its decoded pixels so that nothing of the
// uploaded bytes is ever served (no EXIF, no smuggled script), makes a
// thumbnail, and keeps the files in a Storage, a local folder or an
// S3-compatible bucket, addressed by keys named for their content.
//
// It sits beside store: forum and the web handlers call it, and it calls
// nothing above it.
package media
