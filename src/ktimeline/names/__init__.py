"""Name forms: scripts, romanisation, phonetic keys and ranking. No UI imports."""
