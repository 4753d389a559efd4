//! The typed builder, the dynamic builder and parameter binding. (Skeleton.)
