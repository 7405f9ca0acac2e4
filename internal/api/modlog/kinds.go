package modlog

import (
	"slices"
	"sort"
)

// lemmyType is the ModlogActionType each action of our log is listed
// under. Actions Lemmy has no array for (NSFW marks, comment locks,
// community edits) are left out of the API's log.
var lemmyType = map[string]string{
	"remove_post": "ModRemovePost", "restore_post": "ModRemovePost",
	"lock_post": "ModLockPost", "unlock_post": "ModLockPost",
	"feature_post": "ModFeaturePost", "unfeature_post": "ModFeaturePost",
	"feature_post_local": "ModFeaturePost", "unfeature_post_local": "ModFeaturePost",
	"remove_comment": "ModRemoveComment", "restore_comment": "ModRemoveComment",
	"remove_community": "ModRemoveCommunity", "restore_community": "ModRemoveCommunity",
	"ban_from_community": "ModBanFromCommunity", "unban_from_community": "ModBanFromCommunity",
	"add_moderator": "ModAddCommunity", "remove_moderator": "ModAddCommunity",
	"transfer_community": "ModTransferCommunity",
	"add_admin":          "ModAdd", "remove_admin": "ModAdd",
	"ban_from_site": "ModBan", "unban_from_site": "ModBan",
	"purge_person": "AdminPurgePerson", "purge_community": "AdminPurgeCommunity",
	"purge_post": "AdminPurgePost", "purge_comment": "AdminPurgeComment",
}

// lemmyTypes are the values type_ takes; ModHideCommunity lists nothing,
// communities being hidden by nobody here.
var lemmyTypes = []string{"All", "ModRemovePost", "ModLockPost", "ModFeaturePost", "ModRemoveComment",
	"ModRemoveCommunity", "ModBanFromCommunity", "ModAddCommunity", "ModTransferCommunity", "ModAdd", "ModBan",
	"ModHideCommunity", "AdminPurgePerson", "AdminPurgeCommunity", "AdminPurgePost", "AdminPurgeComment"}

// actionsOf are our log's actions listed under a type_ ("" or All for
// every one), and whether the type is Lemmy's.
func actionsOf(typ string) ([]string, bool) {
	if typ != "" && !slices.Contains(lemmyTypes, typ) {
		return nil, false
	}
	var out []string
	for action, t := range lemmyType {
		if typ == "" || typ == "All" || t == typ {
			out = append(out, action)
		}
	}
	if len(out) == 0 {
		out = []string{"hide_community"} // a type with no actions matches none
	}
	sort.Strings(out)
	return out, true
}
