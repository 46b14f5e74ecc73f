# Dates that read the same in Bangkok, Phnom Penh, Hanoi and Jakarta as in London:
# "2 Dec 2026", never "12/02/2026" or "Dec. 2, 2026". Times in 24 hours.
DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
DATE_INPUT_FORMATS = ["%Y-%m-%d"]
FIRST_DAY_OF_WEEK = 1  # Monday: the NGO brief's weeks run Monday to Sunday
