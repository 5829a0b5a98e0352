"""Reference data the warehouse keeps beside the reports: administrative divisions (GB/T 2260)."""
