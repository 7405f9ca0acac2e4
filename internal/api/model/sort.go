package model

import "github.com/tidings/tidings/internal/store"

// postSorts maps Lemmy's SortType to ours. Lemmy's finer Top windows
// (hour, six and twelve hours, three, six and nine months) and
// NewComments have no index of ours: they answer as the nearest we keep,
// so an app's menu never fails (see the README's API section).
var postSorts = map[string]string{
	"Active": store.SortActive, "Hot": store.SortHot, "New": store.SortNew, "Old": store.SortOld,
	"TopDay": store.SortTopDay, "TopWeek": store.SortTopWeek, "TopMonth": store.SortTopMonth,
	"TopYear": store.SortTopYear, "TopAll": store.SortTopAll, "MostComments": store.SortMostComments,
	"Controversial": store.SortControversial, "Scaled": store.SortScaled,
	"NewComments": store.SortActive, "TopHour": store.SortTopDay, "TopSixHour": store.SortTopDay,
	"TopTwelveHour": store.SortTopDay, "TopThreeMonths": store.SortTopYear, "TopSixMonths": store.SortTopYear,
	"TopNineMonths": store.SortTopYear,
}

// PostSort is our sort for Lemmy's name; ok is false for a name Lemmy
// does not have either.
func PostSort(lemmy string) (string, bool) {
	s, ok := postSorts[lemmy]
	return s, ok
}

// LemmySort is Lemmy's name for one of our sorts.
func LemmySort(ours string) string {
	for k, v := range postSorts {
		if v == ours && k != "NewComments" && (len(k) < 3 || k[:3] != "Top" || topExact[k]) {
			return k
		}
	}
	return "Hot"
}

var topExact = map[string]bool{"TopDay": true, "TopWeek": true, "TopMonth": true, "TopYear": true, "TopAll": true}

// listingTypes maps Lemmy's ListingType to ours. ModeratorView (the
// communities one moderates) is Lemmy's too, but Tidings has no such
// listing yet: it is refused rather than answered wrongly.
var listingTypes = map[string]string{"All": store.ListingAll, "Local": store.ListingLocal, "Subscribed": store.ListingSubscribed}

// ListingType is our listing for Lemmy's name.
func ListingType(lemmy string) (string, bool) {
	l, ok := listingTypes[lemmy]
	return l, ok
}

// LemmyListingType is Lemmy's name for one of our listings.
func LemmyListingType(ours string) string {
	for k, v := range listingTypes {
		if v == ours {
			return k
		}
	}
	return "All"
}
