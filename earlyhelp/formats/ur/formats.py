"""Urdu: Django ships no formats for ur, so dates read day, month name, year ("29 اکتوبر 2026"), as Urdu writes them."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
# The week starts on Monday in Britain, whichever language the page is in.
FIRST_DAY_OF_WEEK = 1
