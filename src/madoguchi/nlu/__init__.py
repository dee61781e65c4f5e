"""Understanding customer questions: tokenisation, intent classification, article retrieval (pure).

No Django here: ``madoguchi.kb.understanding`` builds an :class:`Understander` from the
knowledge base's rows. The classifier is general (any labels), so operators can train and
evaluate it on their own history (``madoguchi intents eval``).

>>> from madoguchi.nlu import investment_advice
>>> investment_advice("BTCは今買い時?")
True
"""

from madoguchi.nlu._errors import EncoderError, NluError, TrainingDataError
from madoguchi.nlu.classifier import IntentClassifier, Prediction
from madoguchi.nlu.encoders import Encoder, MiniLMEncoder, OpenAICompatibleEncoder
from madoguchi.nlu.scope import investment_advice
from madoguchi.nlu.understander import ArticleRecord, Hit, Understander, Understanding, records

__all__ = [
    "ArticleRecord",
    "Encoder",
    "EncoderError",
    "Hit",
    "IntentClassifier",
    "MiniLMEncoder",
    "NluError",
    "OpenAICompatibleEncoder",
    "Prediction",
    "TrainingDataError",
    "Understander",
    "Understanding",
    "investment_advice",
    "records",
]
