"""Small reusable pieces of the screen; each gets plain values, never the store."""
