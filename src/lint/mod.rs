//! The linter and its rule registry; `rules/` holds one file per rule. (Skeleton.)
