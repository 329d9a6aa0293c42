"""Demo content: realistic but fictional services at real, geocodable public-building postcodes."""
