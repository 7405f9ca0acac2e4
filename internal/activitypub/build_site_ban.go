package activitypub

import "time"

// SiteBanInput is an admin's ban of a person from the admin's whole
// instance.
type SiteBanInput struct {
	Admin    string // the admin's id, who signs
	Person   string // the banned person's id
	Instance string // the instance actor's id, the Block's target
	Reason   string
	Expires  time.Time // zero: until lifted
	// RemoveData asks receivers to remove the person's posts and comments.
	RemoveData bool
	// Cc are the instance actors of the instances it is sent to, as Lemmy
	// addresses a site ban.
	Cc []string
}

// NewSiteBan is a ban from a whole instance as Lemmy 0.19 sends it: a
// Block by the admin of the person, to Public, whose target is the
// instance actor, with the reason as summary and the end both as expires
// (Lemmy 0.19) and endTime (Lemmy 1.0). Its end is NewUndo of another
// such Block, as Lemmy sends it.
func NewSiteBan(in SiteBanInput) *Activity {
	a := newActivity(KindBlock, in.Admin)
	a.To, a.Cc = Strings{Public}, append(Strings(nil), in.Cc...)
	a.Object, a.Target = IRI(in.Person), IRI(in.Instance)
	a.RemoveData = in.RemoveData
	if in.Reason != "" {
		reason := in.Reason
		a.Summary = &reason
	}
	if !in.Expires.IsZero() {
		a.Expires, a.EndTime = Time{Time: in.Expires}, Time{Time: in.Expires}
	}
	return a
}
