"""The general classifier on a toy dataset that has nothing to do with crypto support."""

from __future__ import annotations

import pickle
import random

import numpy as np
import pytest

from madoguchi.nlu import IntentClassifier, TrainingDataError

TOPICS = {
    "weather": ["rain", "sunny", "forecast", "umbrella", "snow", "cloudy", "storm", "雨", "天気"],
    "food": ["pizza", "recipe", "dinner", "restaurant", "noodles", "cook", "lunch", "料理", "ご飯"],
    "sport": ["football", "match", "score", "team", "goal", "tennis", "league", "試合", "野球"],
    "travel": [
        "flight",
        "hotel",
        "train",
        "passport",
        "luggage",
        "airport",
        "trip",
        "旅行",
        "空港",
    ],
}
FILLER = ["please", "tell me about", "i wonder", "what about", "any news on", "question:", "教えて"]


def toy(n_per_topic: int, seed: int, noise: float = 0.0) -> tuple[list[str], list[str]]:
    """Short texts made of topic words and filler; ``noise`` swaps words from other topics."""
    rng = random.Random(seed)
    texts, labels = [], []
    for topic, words in TOPICS.items():
        for _ in range(n_per_topic):
            picked = rng.sample(words, 2)
            if rng.random() < noise:
                other = rng.choice([t for t in TOPICS if t != topic])
                picked[1] = rng.choice(TOPICS[other])
            texts.append(f"{rng.choice(FILLER)} {picked[0]} {picked[1]}")
            labels.append(topic)
    return texts, labels


def test_learns_a_toy_dataset():
    texts, labels = toy(30, seed=1)
    clf = IntentClassifier().fit(texts, labels)
    test_texts, test_labels = toy(20, seed=2)
    predictions = clf.predict_many(test_texts)
    accuracy = np.mean([p.label == g for p, g in zip(predictions, test_labels, strict=True)])
    assert accuracy >= 0.9
    assert set(clf.labels_) == set(TOPICS)


def test_prediction_carries_ranked_alternatives():
    clf = IntentClassifier().fit(*toy(20, seed=3))
    prediction = clf.predict("any news on the football match")
    assert prediction.label == "sport"
    probabilities = [p for _, p in prediction.alternatives]
    assert probabilities == sorted(probabilities, reverse=True)
    assert prediction.alternatives[0] == ("sport", pytest.approx(prediction.confidence))
    assert 0.0 <= prediction.confidence <= 1.0


def test_confidence_is_calibrated_on_held_out_data():
    """Mean confidence tracks accuracy on noisy held-out data (no wild over-confidence)."""
    clf = IntentClassifier(threshold=0.0).fit(*toy(60, seed=4, noise=0.3))
    texts, labels = toy(60, seed=5, noise=0.3)
    predictions = clf.predict_many(texts)
    confidence = np.mean([p.confidence for p in predictions])
    accuracy = np.mean([p.label == g for p, g in zip(predictions, labels, strict=True)])
    assert abs(confidence - accuracy) < 0.15
    # and confidence orders the answers: the confident half is more often right
    order = np.argsort([-p.confidence for p in predictions])
    right = np.array([predictions[i].label == labels[i] for i in order])
    assert right[: len(right) // 2].mean() > right[len(right) // 2 :].mean()


def test_out_of_scope_examples_teach_it_to_abstain():
    texts, labels = toy(30, seed=6)
    oos = [f"random {w} thing" for w in ("banana phone", "quantum", "blue", "sofa", "jazz")] * 4
    clf = IntentClassifier().fit(texts + oos, labels + [None] * len(oos))
    prediction = clf.predict("random sofa thing")
    assert prediction.label is None and prediction.out_of_scope == "unknown"
    assert clf.predict("sunny forecast").label == "weather"
    assert 0.0 <= (clf.threshold or 0.0) < 1.0


def test_named_out_of_scope_labels_are_refused_by_name():
    texts, labels = toy(30, seed=7)
    refused = ["gossip celebrity news", "celebrity scandal rumours", "gossip about stars"] * 5
    clf = IntentClassifier(out_of_scope_labels=frozenset({"gossip"})).fit(
        texts + refused, labels + ["gossip"] * len(refused)
    )
    prediction = clf.predict("celebrity gossip rumours")
    assert prediction.label is None and prediction.out_of_scope == "gossip"
    assert all(label != "gossip" for label, _ in prediction.alternatives)


def test_threshold_abstains_when_unsure():
    clf = IntentClassifier(threshold=0.99).fit(*toy(20, seed=8, noise=0.4))
    prediction = clf.predict("rain pizza")
    assert prediction.label is None and prediction.out_of_scope is None
    assert prediction.alternatives  # "did you mean" stays possible


@pytest.mark.parametrize(
    ("texts", "labels", "message"),
    [
        ([], [], "no training texts"),
        (["a", "b"], ["x"], "2 texts but 1 labels"),
        (["a", "b"], ["x", "x"], "two different labels"),
        (["   ", ""], ["x", "y"], "no training texts"),
    ],
)
def test_bad_training_data_is_a_clear_error(texts, labels, message):
    with pytest.raises(TrainingDataError, match=message):
        IntentClassifier().fit(texts, labels)


def test_tiny_classes_still_train():
    clf = IntentClassifier().fit(["rain today", "pizza tonight"], ["weather", "food"])
    assert clf.predict("rain").label in {"weather", None}


def test_predict_before_fit_and_wrong_type():
    with pytest.raises(RuntimeError):
        IntentClassifier().predict("x")
    clf = IntentClassifier().fit(*toy(10, seed=9))
    with pytest.raises(TypeError):
        clf.predict(None)  # type: ignore[arg-type]


def test_survives_pickling():
    clf = IntentClassifier().fit(*toy(15, seed=10))
    again = pickle.loads(pickle.dumps(clf))
    assert again.predict("hotel flight").label == clf.predict("hotel flight").label == "travel"


def test_the_fast_single_text_path_equals_the_batch_path():
    clf = IntentClassifier().fit(*toy(20, seed=11, noise=0.2))
    texts, _ = toy(5, seed=12, noise=0.5)
    texts += ["", "unknownword", "雨の天気 forecast"]
    batch = clf.probabilities(texts)
    for text, row in zip(texts, batch, strict=True):
        assert np.allclose(clf.probabilities_one(text), row, atol=1e-6)


def _direction_data() -> tuple[list[str], list[str]]:
    """Same words, opposite directions: only the word order tells the two labels apart."""
    places = ["bank", "wallet", "card", "exchange", "account", "broker"]
    texts, labels = [], []
    for a in places:
        for b in places:
            if a != b:
                texts.append(f"move money from {a} to {b}")
                labels.append(f"to-{b}")
    return texts, labels


def test_word_pairs_tell_directions_apart_where_a_bag_of_words_cannot():
    texts, labels = _direction_data()
    with_pairs = IntentClassifier(threshold=0.0).fit(texts, labels)
    assert with_pairs.predict("please move my money from the broker to the bank").label == "to-bank"
    assert with_pairs.predict("money from bank to broker").label == "to-broker"


def test_word_pairs_cover_japanese_particles_of_direction():
    texts = ["銀行から口座へ入金", "口座から銀行へ出金"] * 6
    labels = ["in", "out"] * 6
    clf = IntentClassifier(threshold=0.0).fit(texts, labels)
    assert clf.predict("口座から銀行へ").label == "out"
    assert clf.predict("銀行から口座へ").label == "in"


def test_kana_folding_matches_hiragana_spellings_of_katakana_words():
    texts = ["パスワードを忘れた", "パスワード再設定", "カードを紛失", "カードが届かない"] * 4
    labels = ["pw", "pw", "card", "card"] * 4
    clf = IntentClassifier(threshold=0.0).fit(texts, labels)
    assert clf.predict("ぱすわーど").label == "pw"
    assert clf.predict("かーど").label == "card"
