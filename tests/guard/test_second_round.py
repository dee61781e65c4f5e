"""The second recall round (issue 6, part 3): the families the rules missed on
``blind3.jsonl`` — asks made as a list, remote-access offers, one-time codes described by where
they show, transfers with a promised destination or "send back", an ask aimed at a page we link
to, and a non-official e-mail address offered as a contact — each with the hard negatives it
could wrongly catch. New wording, not the set's sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from madoguchi.guard import check_outgoing
from madoguchi.trust import Registry

REGISTRY = Registry.from_file(str(Path(__file__).parent / "data" / "official.txt"))


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # asks as a list: bullets under a request line, or inline after its colon
        ("Please provide the following:\n- your full name\n- your seed phrase",
         {"recovery_phrase"}),
        ("To unlock the account, reply with:\n(1) your date of birth\n(2) your PIN\n"
         "(3) the code in the text message we will send", {"password", "otp"}),
        ("Please reply with: your login password and the SMS code.", {"password", "otp"}),
        ("以下の情報をご返信ください。\n・お名前\n・秘密鍵", {"private_key"}),
        ("下記をご記入のうえご返信ください：\n① ご登録の電話番号\n② 暗証番号", {"password"}),
        # remote access offered, or tools named by what they do
        ("Install RustDesk and send me the ID so our engineer can connect.", {"remote_access"}),
        ("Our engineer will take control of your computer in five minutes.", {"remote_access"}),
        ("Please add the browser extension so our team can operate it for you.",
         {"remote_access"}),
        ("リモート用のIDをお知らせください。", {"remote_access"}),
        ("こちらから操作いたしますので、そのままお待ちください。", {"remote_access"}),
        ("AnyDeskでアクセスさせていただければすぐに解決します。", {"remote_access"}),
        ("サポート用のアプリを入れていただければ、担当者が遠隔で設定します。", {"remote_access"}),
        ("画面共有にてご説明しますので、Teamsに入ってください。", {"remote_access"}),
        # one-time codes described by where they show
        ("Please read me the code displaying in Authy.", {"otp"}),
        ("What's the number currently shown in your authenticator?", {"otp"}),
        ("SMSで届いた番号、そのまま返信してもらえますか", {"otp"}),
        ("ワンタイムパスワードを送信しました。届いたら私宛にそのまま送ってください。", {"otp"}),
        ("認証アプリのシークレットキーをこちらにご入力ください。", {"otp"}),
        # transfers: send back, a destination promised for later
        ("Please send 1,000 USDT back to us today.", {"transfer"}),
        ("Please transfer the remaining balance to the wallet I will send you shortly.",
         {"transfer"}),
        ("Please return the excess to rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh today.", {"transfer"}),
        ("残高を移動してください。送金先のアドレスは後ほどお知らせします。", {"transfer"}),
        # an ask aimed at a page we link to, official or not
        ("Visit https://madoguchi.example/verify and enter your 24 words.", {"recovery_phrase"}),
        ("https://madoguchi.example/check にアクセスし、秘密鍵を入力して確認を完了してください。",
         {"private_key"}),
        # the wallet's key described
        ("Export the key for your wallet and paste it here.", {"private_key"}),
        # a non-official e-mail address offered as a contact
        ("Please write to our escalation desk at vip.desk@outlook.com.", {"link"}),
        ("詳しくは vip.support.desk@gmail.com までご連絡ください。", {"link"}),
        ("For faster help, e-mail us at madoguchi-support@gmail.com.", {"link"}),
    ],
)  # fmt: skip
def test_the_missed_families_are_held(text, kinds):
    result = check_outgoing(text, registry=REGISTRY)
    assert set(result.kinds) == kinds, result.findings


@pytest.mark.parametrize(
    "text",
    [
        # lists that ask for nothing secret, or that say what we never ask
        "Please reply with your ticket number and the TXID.",
        "Please reply with:\n1. your ticket number\n2. the TXID of the withdrawal",
        "以下の情報をお知らせください：・ご登録のメールアドレス・出金のTXID",
        "以下の情報をお知らせください。\n・ご登録のメールアドレス\n・出金のTXID\n・エラー画面のスクリーンショット",
        "We will never ask for:\n- your password\n- your recovery phrase\n- your 2FA code",
        "以下の情報は絶対にお伺いしません：\n・パスワード\n・リカバリーフレーズ\n・認証コード",
        "Before you start, you will need:\n- your password\n- your authenticator app",
        "Never share the following:\n1. your password\n2. the 6-digit code from your authenticator",
        "Please do the following:\n1. Open the app.\n2. Enter your 2FA code in the app.",
        "次の手順で設定してください：\n1. アプリを開きます\n2. 認証コードをアプリに入力します",
        "3. Paste the address, then compare it: malware can swap it.\n4. Enter your PIN in the app.",
        # remote access refused or not offered
        "Our security team will never remote-connect to your device.",
        "We will never connect to your computer or ask you to install AnyDesk.",
        "弊社からお客様の端末を遠隔で操作することはありません。",
        "If you add the browser extension, please keep it updated.",
        "エラー画面を共有してください。",
        # codes typed by the customer into their own app
        "Once the code arrives, enter it in the app. Never read it out to anyone.",
        "認証コードが届いたら、アプリに入力してください。",
        "Please check the number showing in Google Authenticator and enter it in the app yourself.",
        "Log in at https://madoguchi.example and enter the 2FA code from your authenticator app.",
        "Go to https://madoguchi.example/reset and enter your new password.",
        "Go to https://madoguchi.example/security and enter your recovery phrase only in your own "
        "wallet app.",
        # refunds and the customer's own destinations
        "Refunds are sent back to the original address.",
        "返金は元のアドレスへ行います。",
        "Please refund the difference to your own wallet.",
        "送金先のアドレスは、ご自身のウォレットで確認してください。",
        "The key to your wallet is your recovery phrase: never share it.",
        # official and the customer's own e-mail addresses
        "Contact us at support@madoguchi.example.",
        "If you have questions, email us at support@madoguchi.example or visit "
        "https://madoguchi.example/help.",
        "We have sent the reset link to tanaka.taro@gmail.com.",
        "Your registered e-mail address is tanaka.taro@gmail.com.",
    ],
)
def test_the_hard_negatives_pass(text):
    result = check_outgoing(text, registry=REGISTRY)
    assert not result.blocked, result.findings


def test_a_list_ask_points_at_the_item():
    text = "Please reply with:\n1. your name\n2. your login password"
    (finding,) = check_outgoing(text).findings
    assert finding.kind == "password" and text[finding.start : finding.end] == "password"
    assert text.index("login password") < finding.start
