"""The guard on phrasings it was not first written against: secrets named by reference ("read
it back"), described rather than named, asked for with other verbs, and moved with other
verbs; and the hard negatives each of those families could wrongly catch."""

from __future__ import annotations

import pytest

from madoguchi.guard import check_outgoing

ADDRESS = "0x8ba1f109551bD432803012645Ac136ddd64DBA72"
TRON = "TN3W4H6rK2ce4vX9YnFQHwKENnHjoxb3m9"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the ask is in a later sentence than the secret (pronoun or "the number")
        ("We have just texted you a code. Could you read it out for me?", "otp"),
        ("A verification code was sent to your e-mail. Please paste it here.", "otp"),
        ("I just sent you a 6-digit code. What is it?", "otp"),
        ("You will get a text with a code shortly. Please reply with the code.", "otp"),
        ("We sent a verification SMS. Please forward the message to us.", "otp"),
        ("Your recovery phrase is on your backup card. Please read the words to me.",
         "recovery_phrase"),
        ("Write down your 12 words and send us a picture of them.", "recovery_phrase"),
        ("Please take a screenshot of your private key and attach it here.", "private_key"),
        ("確認コードをSMSでお送りしました。届いた数字をこちらにご返信ください。", "otp"),
        ("ワンタイムパスワードを送信しました。その番号をお伝えください。", "otp"),
        ("認証コードをお送りしました。それをこちらに入力してください。", "otp"),
        ("秘密鍵を表示してください。表示された文字列をコピーしてこちらに貼り付けてください。",
         "private_key"),
        ("認証コードをお送りしました。お手数ですが、ご返信ください。", "otp"),  # no object at all
        # the secret described, not named
        ("Reply with the digits you just got by SMS.", "otp"),
        ("Please provide the numbers shown in your authenticator app.", "otp"),
        ("Please tell us the code from ur authenticator.", "otp"),
        ("Could you share your authenticator secret key?", "otp"),
        ("Please send the 2FA backup codes so we can restore access.", "otp"),
        ("Please send me a photo of your recovery sheet.", "recovery_phrase"),
        ("Could you send me your priv key?", "private_key"),
        ("二段階認証のセットアップキーを教えていただけますか。", "otp"),
        ("認証アプリに表示されている数字を教えてください。", "otp"),
        ("先ほどお送りした番号をお知らせください。", "otp"),
        ("SMSの認証番号を読み上げてください。", "otp"),
        # other request verbs
        ("Please take a photo of your seed phrase and send it here.", "recovery_phrase"),
        ("We need to verify your recovery phrase. Please type the words here.",
         "recovery_phrase"),
        ("復元用の英単語を紙に書いて、写真に撮って送ってください。", "recovery_phrase"),
        ("秘密鍵の文字列をメールに記載のうえお送りください。", "private_key"),
        # transfers with other verbs
        (f"Please return 0.5 ETH to {ADDRESS}.", "transfer"),
        ("Please refund the extra 200 USDT to our safekeeping wallet.", "transfer"),
        (f"Please move your USDT to the address below: {TRON}", "transfer"),
        ("Send your funds to the wallet we gave you.", "transfer"),
        (f"差額を以下のアドレスへご返金ください。{ADDRESS}", "transfer"),
        ("資産を保全用ウォレットへお振り替えください。", "transfer"),
        ("資産を一時的に弊社ウォレットへ移管してください。", "transfer"),
        # screen sharing asked politely
        ("Teamsで画面を共有していただけますか。", "remote_access"),
        ("画面共有を有効にしていただけますか。", "remote_access"),
        ("パソコンを遠隔で操作させてください。", "remote_access"),
        ("Please turn on screen sharing so I can fix it.", "remote_access"),
        ("Please give me control of your computer so I can fix it.", "remote_access"),
    ],
)  # fmt: skip
def test_paraphrased_asks_are_blocked(text, kind):
    result = check_outgoing(text)
    assert kind in result.kinds, result.kinds
    found = next(f for f in result.findings if f.kind == kind)
    assert 0 <= found.start < found.end <= len(text)


@pytest.mark.parametrize(
    "text",
    [
        # a code we sent, and what to do with it in the app
        "We sent a code to your phone. Enter it in the app.",
        "We sent a code to your phone. The code is valid for 5 minutes.",
        "the code is valid for 5 minutes",
        "We emailed you a verification code. Type it into the app yourself.",
        "We sent a code to your phone. Let us know if it doesn't arrive.",
        "Please let us know if the code we sent doesn't arrive.",
        "We sent a code to your phone. Please don't share it, not even with us.",
        "We sent you a password reset link. Open it and choose a new password.",
        "Do you need the code again? We can resend it.",
        "Enter the code from your authenticator app on the login screen.",
        "We texted you a code. Enter it in the app, then tell us whether the withdrawal went "
        "through.",
        "認証コードをお送りしました。アプリに入力してください。",
        "認証コードをお送りしました。届かない場合はお知らせください。",
        "認証コードを送信しました。その番号に届かない場合はご連絡ください。",
        "パスワードの再設定が必要です。再設定が完了しましたらお知らせください。",
        "お送りした番号でログインしてください。",
        # screenshots, photos and attachments of harmless things
        "Please send us a screenshot of the error.",
        "Please attach your ID document.",
        "Take a screenshot of the error and attach it here.",
        "Send a photo of your ID, holding it next to your face.",
        "エラー画面を共有していただけますか。",
        "エラー画面のスクリーンショットを添付してください。",
        "本人確認書類を添付してください。",
        "お使いの画面を撮影して、お送りいただけますか。",
        # pronouns that are not the secret, or not the verb's object
        "Please send us the TXID. We need it to trace the deposit.",
        "Please copy the TXID and paste it here.",
        "Your adviser never needs your 2FA codes; give them the reports instead.",
        "Delete the API keys and create new ones later if you need them.",
        "You will need your password and your 2FA code to sign in.",
        "Your recovery phrase is the 12 words you wrote down. Only you should ever see them.",
        "Never share your private key. If you think it has been exposed, move your funds to a "
        "new wallet you create yourself.",
        "バックアップコードを発行しました。それを安全な場所に保管してください。",
        # refunds, returns and payments that are ours or go nowhere
        "返金は元のアドレスへ行います。",
        "差額は弊社から返金いたします。",
        "We will return the funds to your original address within 3 days.",
        "Please return to the app and try again.",
        "Please pay attention to phishing sites.",
        "Please enable 2FA in the app.",
        "入金アドレスをコピーして、こちらにご返信ください。",
        "Please tell us the error code shown in the app.",
        "アプリに表示されたエラーコードを教えてください。",
    ],
)
def test_hard_negatives_of_the_new_families_pass(text):
    result = check_outgoing(text)
    assert not result.blocked, result.kinds


def test_a_pronoun_reaches_back_two_sentences_but_no_further():
    assert check_outgoing("We sent a code. It is valid for 5 minutes. Read it back to me.").blocked
    far = "We sent a code. It is valid for 5 minutes. Thanks for waiting. Read it back to me."
    assert not check_outgoing(far).blocked


def test_a_warning_names_no_antecedent():
    text = "Scammers ask for your 2FA code. Please send it to us if you get such a message."
    assert not check_outgoing(text).blocked


def test_the_finding_points_at_the_asking_sentence():
    text = "We sent a code to your phone. Please read it back to me."
    (finding,) = check_outgoing(text).findings
    assert text[finding.start : finding.end] == "read it back"


def test_a_base58_address_with_both_cases_is_an_address():
    assert check_outgoing(f"Please send 10 USDT to {TRON} today.").kinds == ("transfer",)
