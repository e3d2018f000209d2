"""Administration pages, by area. Views only translate HTTP: selectors read, services write."""
