package web

import "net/http"

// adminsOnly answers 403, saying why, to a logged-in person who is not an
// admin. It spares them a form they could not send; forum checks again,
// in the transaction of each change.
func (h *Handler) adminsOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, ok := currentUser(r); !ok || !u.Admin {
			h.message(w, r, http.StatusForbidden, "Admins only", "Only this site's admins may use this page.")
			return
		}
		next.ServeHTTP(w, r)
	})
}
