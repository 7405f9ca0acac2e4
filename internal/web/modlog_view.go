package web

import (
	"strconv"
	"strings"

	"github.com/tidings/tidings/internal/store"
)

// logPart is a piece of a mod log sentence: text, linked when Href is set.
type logPart struct {
	Text, Href string
}

// modlogEntry is one entry of the log as its page shows it: who did what,
// why, until when, and when.
type modlogEntry struct {
	ID     int64
	Action string
	Who    logPart
	What   []logPart
	Reason string
	Until  string // a ban's end; "permanent" for a ban without one
	When   when
}

// siteActions are those only admins take: a hidden moderator of one is
// "an admin".
var siteActions = map[string]bool{
	"ban_from_site": true, "unban_from_site": true, "add_admin": true, "remove_admin": true,
	"remove_community": true, "restore_community": true, "feature_post_local": true, "unfeature_post_local": true,
	"purge_post": true, "purge_comment": true, "purge_person": true, "purge_community": true,
}

// modlogEntryOf turns a stored entry into its sentence. A target that
// still exists is linked; a purged one is named as the log kept it.
func (n names) modlogEntryOf(e store.ModLogEntry, hidden bool) modlogEntry {
	v := modlogEntry{ID: e.ID, Action: e.Action, Who: n.moderator(e, hidden), Reason: e.Reason, When: newWhen(e.CreatedAt)}
	post := logPart{Text: "a post"}
	switch {
	case e.PostID != 0 && e.PostTitle != "":
		post = logPart{Text: e.PostTitle, Href: "/post/" + strconv.FormatInt(e.PostID, 10)}
	case e.TargetName != "" && strings.HasSuffix(e.Action, "_post"):
		post = logPart{Text: "“" + e.TargetName + "”"}
	}
	comment := logPart{Text: "a comment"}
	switch {
	case e.CommentID != 0:
		comment = logPart{Text: "“" + snippet(e.CommentText) + "”", Href: "/comment/" + strconv.FormatInt(e.CommentID, 10)}
	case e.TargetName != "" && strings.HasSuffix(e.Action, "_comment"):
		comment = logPart{Text: "“" + e.TargetName + "”"}
	}
	person := logPart{Text: "someone"}
	switch {
	case e.TargetPersonID != 0:
		person = logPart{Text: n.handle(e.TargetPerson, e.TargetDomain), Href: n.userPath(e.TargetPerson, e.TargetDomain)}
	case e.TargetName != "" && e.Action == "purge_person":
		person = logPart{Text: n.trimLocal(e.TargetName)}
	}
	community := logPart{Text: "a community"}
	switch {
	case e.CommunityID != 0:
		community = logPart{Text: "!" + n.handle(e.CommunityName, e.CommunityDomain),
			Href: n.communityPath(e.CommunityName, e.CommunityDomain)}
	case e.TargetName != "" && e.Action == "purge_community":
		community = logPart{Text: "!" + n.trimLocal(e.TargetName)}
	}
	text := func(s string) logPart { return logPart{Text: s} }
	in := []logPart{}
	if e.CommunityID != 0 {
		in = []logPart{text(" in "), community}
	}
	on := []logPart{}
	if e.PostID != 0 && e.PostTitle != "" {
		on = []logPart{text(" on "), post}
	}
	say := func(parts ...logPart) []logPart { return parts }
	switch e.Action {
	case "remove_post", "restore_post", "lock_post", "unlock_post", "feature_post", "unfeature_post":
		verb := map[string]string{"remove_post": "removed", "restore_post": "restored", "lock_post": "locked",
			"unlock_post": "unlocked", "feature_post": "pinned", "unfeature_post": "unpinned"}[e.Action]
		v.What = append(say(text(verb+" the post "), post), in...)
	case "feature_post_local":
		v.What = say(text("pinned the post "), post, text(" on the front page"))
	case "unfeature_post_local":
		v.What = say(text("unpinned the post "), post, text(" from the front page"))
	case "mark_post_nsfw":
		v.What = append(say(text("marked the post "), post, text(" NSFW")), in...)
	case "unmark_post_nsfw":
		v.What = append(say(text("took the NSFW mark off the post "), post), in...)
	case "remove_comment", "restore_comment", "lock_comment", "unlock_comment":
		verb := map[string]string{"remove_comment": "removed", "restore_comment": "restored",
			"lock_comment": "locked", "unlock_comment": "unlocked"}[e.Action]
		v.What = append(say(text(verb+" the comment "), comment), on...)
	case "ban_from_community":
		v.What = say(text("banned "), person, text(" from "), community)
	case "unban_from_community":
		v.What = say(text("unbanned "), person, text(" from "), community)
	case "ban_from_site":
		v.What = say(text("banned "), person, text(" from the site"))
	case "unban_from_site":
		v.What = say(text("lifted the site ban of "), person)
	case "add_moderator":
		v.What = say(text("made "), person, text(" a moderator of "), community)
	case "remove_moderator":
		v.What = say(text("removed "), person, text(" as a moderator of "), community)
	case "transfer_community":
		v.What = say(text("handed "), community, text(" over to "), person)
	case "remove_community":
		v.What = say(text("removed the community "), community)
	case "restore_community":
		v.What = say(text("restored the community "), community)
	case "update_community":
		v.What = say(text("edited the community "), community)
	case "add_admin":
		v.What = say(text("made "), person, text(" an admin"))
	case "remove_admin":
		v.What = say(text("removed "), person, text(" as an admin"))
	case "purge_post":
		v.What = append(say(text("purged the post "), post), in...)
	case "purge_comment":
		v.What = append(say(text("purged the comment "), comment), in...)
	case "purge_person":
		v.What = say(text("purged "), person)
	case "purge_community":
		v.What = say(text("purged the community "), community)
	default:
		v.What = say(text(strings.ReplaceAll(e.Action, "_", " ")))
	}
	if e.Action == "ban_from_site" || e.Action == "ban_from_community" {
		v.Until = "permanent"
		if e.ExpiresAt != nil {
			v.Until = "until " + newWhen(*e.ExpiresAt).Exact
		}
	}
	return v
}

// moderator is who took an action, as the log names them.
func (n names) moderator(e store.ModLogEntry, hidden bool) logPart {
	switch {
	case e.Automatic:
		return logPart{Text: "An automatic check"}
	case hidden && siteActions[e.Action]:
		return logPart{Text: "An admin"}
	case hidden:
		return logPart{Text: "A moderator"}
	case e.ModeratorID != 0:
		return logPart{Text: n.handle(e.ModeratorName, e.ModeratorDomain), Href: n.userPath(e.ModeratorName, e.ModeratorDomain)}
	case e.ModeratorName != "":
		return logPart{Text: n.trimLocal(e.ModeratorName)} // purged since
	case e.CommunityID != 0 && e.CommunityDomain != n.localHost:
		return logPart{Text: "A moderator"} // the remote community itself relayed it
	}
	return logPart{Text: "An admin, at the command line"}
}

// trimLocal shows a kept name@host as a handle: bare for our own.
func (n names) trimLocal(handle string) string {
	return strings.TrimSuffix(handle, "@"+n.localHost)
}

// snippet is the start of a comment's text, on one line.
func snippet(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 80 {
		return string(r[:79]) + "…"
	}
	return s
}
