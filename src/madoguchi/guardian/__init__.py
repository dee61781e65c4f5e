"""The never-ask guard in the desk: blocked replies, supervisor overrides, checked macros."""
