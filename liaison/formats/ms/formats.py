"""Malay as written in Malaysia: the same shapes as the English (liaison/formats/en), month names in Malay."""

from django.utils.translation import gettext_noop

# Django's Malay catalogue leaves March's three letters ("M" in DATE_FORMAT) as "Mar"; ours says "Mac".
CATALOGUE_FIXES = (gettext_noop("mar"),)

# Django's own Malay formats write times as "2:30 p.m."; the application writes every time on the 24-hour clock.
DATE_FORMAT = "j M Y"  # 16 Nov 2027
TIME_FORMAT = "H:i"  # 17:00
DATETIME_FORMAT = "j M Y, H:i"  # 16 Nov 2027, 17:00
YEAR_MONTH_FORMAT = "F Y"  # November 2027
MONTH_DAY_FORMAT = "j F"  # 16 November
SHORT_DATE_FORMAT = "d/m/Y"  # 16/11/2027
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 16/11/2027 17:00
FIRST_DAY_OF_WEEK = 1  # Monday
