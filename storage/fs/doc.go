// Package fs is the local-folder storage backend: a storage.Bucket kept in a
// directory tree that has the same layout as the bucket, so a person can
// look at a database with ls and less, and several processes can share it.
//
// # Layout
//
// A key is split at '/': every segment but the last is a directory and the
// last is a file named after it with the suffix ".obj". The object
// resource=users/data/id=abc is the file
//
//	<root>/resource=users/data/id=abc.obj
//
// Segments are escaped so that any valid key maps to a safe, distinct path
// that stays under the root: bytes other than A-Z a-z 0-9 and -_.~=,+@ —
// backslash, '%', ':', spaces, control characters and every byte of a
// non-ASCII character — become %XX (upper-case hex); a leading '.' becomes
// %2E, so "." and ".." are ordinary names and nothing we create is hidden; an
// empty segment (as in "a//b" or a trailing "/") is the name "%". Files
// carry the suffix and directories never end in it (a directory named for
// "x.obj" is x%2Eobj), so the keys "a" and "a/b" coexist as the file a.obj
// and the directory a, and "x" and "x.obj/y" as x.obj and x%2Eobj/y.obj. A
// segment whose escaped
// name exceeds 255 bytes, the usual file-name limit, is rejected with
// storage.ErrInvalidKey. Names that this scheme cannot produce — hidden
// files, files without the suffix, non-canonical escapes — are not objects
// and List ignores them, so the folder tolerates a stray README.
//
// # Object files
//
// Each object file holds its metadata and body: one line of JSON, then the
// body bytes verbatim.
//
//	{"format":1,"key":"resource=users/data/id=abc","etag":"\"5d41402abc4b2a76b9719d911017c592\"","meta":{"v":"3"}}
//	hello
//
// The header line has a format version, the full key (for people and
// checks), the ETag (the quoted hex MD5 of the body, as S3 gives a
// single-part upload) and the user metadata; the body is the rest of the
// file, so Size is the file size minus the header line. LastModified is the
// file's modification time, to the second.
//
// # Atomicity and concurrency
//
// A Put writes a temporary file (".s3db-tmp-*") in the destination
// directory, fsyncs it, then renames it over the object and fsyncs the
// directory, so readers see the old or the new object, never a mix, and a
// crash leaves at most a stray temporary file, which List ignores. Each
// mutating request (Put, Delete) checks its condition and renames or removes
// while holding an in-process mutex and an exclusive flock(2) on the file
// ".s3db.lock" in the root, so If-None-Match, If-Match and conditional
// deletes are atomic across goroutines and across processes sharing the
// folder. Only that check-and-rename step is serialized; writing and
// fsyncing the body is not. A Delete then removes the parent directories it
// left empty (best effort), so the tree stays clean.
//
// On systems without flock (Windows, Plan 9, ...) the lock is in-process
// only: conditions are atomic among the goroutines of one process, not
// between processes. Keys that differ only in letter case or Unicode
// normalization collide on case-insensitive or normalizing file systems
// (the macOS and Windows defaults); Linux file systems are the target.
//
// # Listing
//
// List walks the directories under the prefix in key order (it sorts each
// directory's decoded names, never relying on readdir order), skipping
// subtrees that lie wholly before StartAfter, and stops after one key past
// the page. The continuation token is the last key returned. Each listed
// object's header is read for its ETag.
package fs
