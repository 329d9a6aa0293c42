"""Site-wide plumbing several apps use: link and display template tags, rate limits, notifications, exports."""
