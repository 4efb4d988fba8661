# English as written in Malaysia: day before month, 24-hour times, weeks from Monday.
DATE_FORMAT = "j M Y"  # 16 Nov 2027
TIME_FORMAT = "H:i"  # 17:00
DATETIME_FORMAT = "j M Y, H:i"  # 16 Nov 2027, 17:00
YEAR_MONTH_FORMAT = "F Y"  # November 2027
MONTH_DAY_FORMAT = "j F"  # 16 November
SHORT_DATE_FORMAT = "d/m/Y"  # 16/11/2027
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 16/11/2027 17:00
FIRST_DAY_OF_WEEK = 1  # Monday
