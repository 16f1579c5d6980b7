"""What other domains use of indicators besides `indicators.service`: the tables they join (read
only), the status as of a day and its wording (the yearly report), periods and series (the
seed loader). Everything else in this package is internal."""

from sammen.indicators import history as history
from sammen.indicators import rollup as rollup
from sammen.indicators import series as series
from sammen.indicators import status as status
from sammen.indicators.assessment import Point as Point
from sammen.indicators.assessment import applies as applies
from sammen.indicators.models import Indicator as Indicator
from sammen.indicators.models import Observation as Observation
from sammen.indicators.models import ReferenceLine as ReferenceLine
from sammen.indicators.periods import Period as Period
from sammen.indicators.periods import parse_period as parse_period
from sammen.indicators.wording import LIST_WORDS as LIST_WORDS
from sammen.indicators.wording import OPERATOR_WORDS as OPERATOR_WORDS
from sammen.indicators.wording import POSITION_WORDS as POSITION_WORDS
from sammen.indicators.wording import RULE_TEXT as RULE_TEXT
from sammen.indicators.wording import TREND_WORDS as TREND_WORDS
from sammen.indicators.wording import VERDICT_WORDS as VERDICT_WORDS
