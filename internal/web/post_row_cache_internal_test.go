package web

import (
	"reflect"
	"slices"
	"testing"
)

// A listing row's kept markup is found by rowKey, so everything of a
// postRow that the template reads must be in the key, or one reader's row
// could be shown to another. This fails when postRow gains a field, as a
// reminder to add it to rowKey and newRowKey.
func TestRowKeyCoversPostRow(t *testing.T) {
	var fields []string
	rt := reflect.TypeFor[postRow]()
	for i := range rt.NumField() {
		fields = append(fields, rt.Field(i).Name)
	}
	if want := []string{"Post", "Vote", "Pinned", "Save", "Blur", "Thumb"}; !slices.Equal(fields, want) {
		t.Errorf("postRow has fields %v; rowKey covers %v: add the new ones to rowKey", fields, want)
	}
}
