"""Provider access models."""
