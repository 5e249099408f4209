"""Claims stages: dates, numeric figures about people, and quotes."""
