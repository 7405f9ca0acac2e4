package model

import "github.com/tidings/tidings/internal/store"

// Person is Lemmy's Person.
type Person struct {
	ID           int64   `json:"id"`
	Name         string  `json:"name"`
	DisplayName  *string `json:"display_name,omitempty"`
	Avatar       *string `json:"avatar,omitempty"`
	Banned       bool    `json:"banned"`
	Published    string  `json:"published"`
	Updated      *string `json:"updated,omitempty"`
	ActorID      string  `json:"actor_id"`
	Bio          *string `json:"bio,omitempty"`
	Local        bool    `json:"local"`
	Banner       *string `json:"banner,omitempty"`
	Deleted      bool    `json:"deleted"`
	MatrixUserID *string `json:"matrix_user_id,omitempty"`
	BotAccount   bool    `json:"bot_account"`
	BanExpires   *string `json:"ban_expires,omitempty"`
	InstanceID   int64   `json:"instance_id"`
}

// NewPerson shapes a stored person.
func NewPerson(p store.Person) Person {
	return Person{
		ID: p.ID, Name: p.Name, DisplayName: Opt(p.DisplayName), Avatar: Opt(p.AvatarURL), Banned: p.Banned,
		Published: Time(p.Published), Updated: OptTime(p.Updated), ActorID: p.APID, Bio: Opt(p.Bio), Local: p.Local,
		Banner: Opt(p.BannerURL), Deleted: p.Deleted, BotAccount: p.Bot, BanExpires: OptTime(p.BanExpiresAt),
		InstanceID: p.InstanceID,
	}
}

// PersonAggregates is Lemmy's PersonAggregates.
type PersonAggregates struct {
	PersonID     int64 `json:"person_id"`
	PostCount    int64 `json:"post_count"`
	CommentCount int64 `json:"comment_count"`
}

// PersonView is Lemmy's PersonView.
type PersonView struct {
	Person  Person           `json:"person"`
	Counts  PersonAggregates `json:"counts"`
	IsAdmin bool             `json:"is_admin"`
}

// NewPersonView shapes a person with their counts.
func NewPersonView(p store.Person, n store.PersonCounts, admin bool) PersonView {
	return PersonView{Person: NewPerson(p), Counts: PersonAggregates{PersonID: p.ID, PostCount: n.Posts,
		CommentCount: n.Comments}, IsAdmin: admin}
}
