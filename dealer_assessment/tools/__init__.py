"""Helpers of the assessment benchmark and of the large-data test: the data set generator and the reference SQL."""
