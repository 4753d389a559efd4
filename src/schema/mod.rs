//! Schema, Table, Column, ColumnType; the built-in ClientTrack schema. (Skeleton.)
