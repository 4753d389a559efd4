//! Printing: `Display` is canonical one-line CRQL; [`pretty`] is the formatter.
//! (Skeleton: being implemented.)
