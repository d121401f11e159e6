"""Counter peripherals other than the receipt printer (the scale)."""
