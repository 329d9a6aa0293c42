"""The search benchmark: synthetic services, a fixed query mix, and timings side by side."""
