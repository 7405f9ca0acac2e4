package forum

// Actions of FederateArgs for a local person's own account, sent, as
// Lemmy sends them, to every instance we know (one shared inbox each):
// who knows the person is whoever got their posts, comments or votes,
// and Lemmy does not track that either.
const (
	// FederateUpdatePerson sends PersonID's new display name and bio as
	// an Update of their Person.
	FederateUpdatePerson = "update_person"
	// FederateDeleteAccount sends the deletion of PersonID's account, a
	// Delete whose object is the person, with removeData when Deleted
	// (their posts and comments went too).
	FederateDeleteAccount = "delete_account"
)
