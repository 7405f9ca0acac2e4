package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// postVote and commentVote take a vote from a plain form (redirecting back
// to where it was cast) or from the page's script (answering JSON).
func (h *Handler) postVote(w http.ResponseWriter, r *http.Request) {
	h.vote(w, r, "p", func(u store.LocalUser, id int64, score int) (store.Counts, error) {
		return h.forum.VotePost(r.Context(), u, id, score)
	})
}

func (h *Handler) commentVote(w http.ResponseWriter, r *http.Request) {
	h.vote(w, r, "c", func(u store.LocalUser, id int64, score int) (store.Counts, error) {
		return h.forum.VoteComment(r.Context(), u, id, score)
	})
}

func (h *Handler) vote(w http.ResponseWriter, r *http.Request, anchor string,
	apply func(store.LocalUser, int64, int) (store.Counts, error)) {
	u, _ := currentUser(r)
	id, ok := idParam(chi.URLParam(r, "id"))
	if !ok {
		h.notFoundMsg(w, r, "There is nothing to vote on here.")
		return
	}
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Vote not counted", errorText(err))
		return
	}
	score, err := strconv.Atoi(r.PostForm.Get("score"))
	if err != nil {
		h.message(w, r, http.StatusBadRequest, "Vote not counted", "A vote is up, down or none.")
		return
	}
	counts, err := apply(u, id, score)
	wantsJSON := strings.Contains(r.Header.Get("Accept"), "application/json")
	if err != nil {
		if isInput(err) {
			if wantsJSON {
				writeJSON(w, statusFor(err), map[string]string{"error": errorText(err)})
				return
			}
			if errors.Is(err, forum.ErrNotFound) {
				h.message(w, r, statusFor(err), "Vote not counted", errorText(err))
				return
			}
			h.voteRefused(w, r, anchor, id, statusFor(err), errorText(err))
			return
		}
		h.serverError(w, r, err)
		return
	}
	if wantsJSON {
		writeJSON(w, http.StatusOK, map[string]int{"score": counts.Score, "upvotes": counts.Upvotes,
			"downvotes": counts.Downvotes, "my_vote": score})
		return
	}
	back := safeReturn(r.PostForm.Get("return"), "")
	if back == "" {
		back = safeReturn(r.Referer(), "/")
		back = strings.SplitN(back, "#", 2)[0] + "#" + anchor + strconv.FormatInt(id, 10)
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// voteRefused answers a plain form's refused vote with the thread it was
// cast in, the reason shown beside the vote buttons, as the reader who
// pressed them without script expects to see it.
func (h *Handler) voteRefused(w http.ResponseWriter, r *http.Request, anchor string, id int64, status int, msg string) {
	postID, key := id, "post-"+strconv.FormatInt(id, 10)
	if anchor == "c" {
		c, err := h.forum.Comment(r.Context(), id)
		if err != nil {
			h.message(w, r, status, "Vote not counted", msg)
			return
		}
		postID, key = c.PostID, "comment-"+strconv.FormatInt(id, 10)
	}
	h.showThread(w, r, postID, status, &commentDraft{VoteOn: key, Error: msg})
}
