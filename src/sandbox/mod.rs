//! The CTAPI emulator on SQLite. (Skeleton.)
