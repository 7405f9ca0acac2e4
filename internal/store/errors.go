package store

import (
	"errors"
	"fmt"

	"github.com/jackc/pgerrcode"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

var (
	// ErrNotFound: the row asked for, or one it refers to, does not exist.
	ErrNotFound = errors.New("not found")
	// ErrConflict: a unique value (a name, an id) is already taken.
	ErrConflict = errors.New("already exists")
	// ErrInvalid: the row breaks a rule of the schema (a length, a range).
	ErrInvalid = errors.New("invalid")
)

// ConstraintError says which constraint refused a row, so callers can tell
// the person which field is wrong.
type ConstraintError struct {
	Kind       error // ErrConflict, ErrNotFound or ErrInvalid
	Constraint string
	err        error
}

func (e *ConstraintError) Error() string {
	return fmt.Sprintf("%v (%s)", e.Kind, e.Constraint)
}

func (e *ConstraintError) Is(target error) bool { return target == e.Kind }

func (e *ConstraintError) Unwrap() error { return e.err }

// wrap names the operation and maps pgx and SQLSTATE errors to the sentinels.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("%s: %w", op, ErrNotFound)
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		var kind error
		switch pgErr.Code {
		case pgerrcode.UniqueViolation, pgerrcode.ExclusionViolation:
			kind = ErrConflict
		case pgerrcode.ForeignKeyViolation:
			kind = ErrNotFound
		case pgerrcode.CheckViolation, pgerrcode.NotNullViolation, pgerrcode.StringDataRightTruncationDataException,
			pgerrcode.CharacterNotInRepertoire, pgerrcode.UntranslatableCharacter,
			pgerrcode.NumericValueOutOfRange, pgerrcode.InvalidTextRepresentation:
			kind = ErrInvalid
		}
		if kind != nil {
			return fmt.Errorf("%s: %w", op, &ConstraintError{Kind: kind, Constraint: pgErr.ConstraintName, err: err})
		}
	}
	return fmt.Errorf("%s: %w", op, err)
}
