"""Pure rules and data of a workshop: no Flask, no Redis, no I/O."""
