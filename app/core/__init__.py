"""The domain: entities, life cycle, permissions, vocabularies. No Qt, no SQL, no I/O."""
