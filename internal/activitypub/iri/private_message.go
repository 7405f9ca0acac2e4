package iri

import "strconv"

// PrivateMessage is the id of a private message written here, such as
// https://news.example.org/private_message/7, in Lemmy's form. Nothing
// answers a GET of it: a message is for its two people only.
func (b Builder) PrivateMessage(id int64) string {
	return b.base + "/private_message/" + strconv.FormatInt(id, 10)
}
