package com.logininsights.config;

/** Where the job keeps its keyed state between checkpoints. */
public enum StateBackend {
    /** Objects on the JVM heap: fastest, as long as the state fits the heap. */
    HASHMAP,
    /** RocksDB on local disk, checkpointed incrementally: for key spaces larger than the heap. */
    ROCKSDB
}
