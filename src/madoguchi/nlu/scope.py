"""What the assistant must not answer: investment advice, and questions outside support.

Investment advice ("which coin should I buy?", "BTCは今買い時?", price predictions) is declined
politely by the assistant, never answered with an article, so it is caught by explicit
patterns, before the classifier: a rule a reviewer can read beats a probability here. "How do
I buy BTC" is a how-to question, not advice, and is not matched.

>>> investment_advice("Which coin should I buy now?")
True
>>> investment_advice("BTCは今買い時ですか?")
True
>>> investment_advice("How do I buy BTC on the app?")
False
"""

from __future__ import annotations

import re

from madoguchi.nlu.text import normalize

__all__ = [
    "INVESTMENT_ADVICE",
    "INVESTMENT_ADVICE_EXAMPLES",
    "OUT_OF_SCOPE_EXAMPLES",
    "investment_advice",
]

#: The out-of-scope reason (and the classifier's refused class) for investment advice.
INVESTMENT_ADVICE = "investment_advice"

#: What a price question is about: a coin, "the price", "the market".
_EN_SUBJECT = (
    r"(?:btc|bitcoin|eth|ethereum|ether|xrp|ripple|sol|solana|doge|dogecoin|ada|cardano|shib|"
    r"pepe|bnb|ltc|litecoin|crypto|the market|the price|prices?|altcoins?|coins?|tokens?)"
)
_JA_SUBJECT = (
    r"(?:価格|相場|値段|レート|ビットコイン|イーサ|リップル|コイン|通貨|銘柄|暗号資産|"
    r"btc|eth|xrp|sol|doge|アルト|ドージ)"
)
_EN = [
    r"\b(?:which|what)\s+(?:\w+\s+){0,2}(?:coin|token|crypto|altcoin|currency|asset)s?\s+"
    r"(?:\w+\s+){0,2}(?:should|would|do you recommend|to buy|to invest|is best|is the best|"
    r"will (?:go|rise|pump|moon))",
    r"\bshould i (?:buy|sell|invest|hold|hodl|get into|put (?:my )?money)",
    r"\b(?:is|are) (?:it|now|this|today) (?:a )?(?:good|right|bad|the best) (?:time|moment|day)"
    r" to (?:buy|sell|invest)",
    r"\b(?:good|best|bad|safe|smart) (?:investment|time to buy|time to sell|coin to buy|"
    r"crypto to buy)",
    rf"\b{_EN_SUBJECT}(?: price)? (?:go(?:ing)? (?:up|down)|going to (?:rise|fall|drop|crash|"
    r"pump|dump|moon|go up|go down|recover)|rise|fall|drop|crash|pump|dump|moon|recover)\b"
    r"(?!.*\b(?:app|site|website|page|login)\b)",
    r"\b(?:will|is|does) it (?:go(?:ing)? (?:up|down)|rise|pump|moon)\b",
    r"\bprice (?:prediction|forecast|target|outlook)s?\b",
    r"\b(?:predict|forecast)\w* (?:the )?(?:price|market)",
    r"\b(?:recommend|suggest)\w* (?:a |some |me )?(?:coin|token|crypto|investment|altcoin)s?",
    r"\bwhere (?:is|will) (?:the )?(?:price|market|btc|bitcoin|eth)\b.*\b(?:go|head)",
    r"\bbuy the dip\b|\bto the moon\b",
    r"\bhow much will\b.*\b(?:worth|cost|be)\b",
    r"\b(?:make|double|earn) (?:money|profit|my money)\b.*\b(?:crypto|coin|trad)",
    r"\bfinancial advice\b|\binvestment advice\b",
    r"\b(?:bull|bear)ish\b",
    r"\b(?:better|best|good|safer|worse) (?:investment|buy|long[- ]term hold)\b",
    r"\bworth (?:buying|investing|holding|it to buy|getting into)\b",
    r"\b(?:under|over)valued\b|\b\d+x\b.*\b(?:coin|token|crypto|altcoin|next|bull)",
    r"\b(?:pump|moon|explode|skyrocket)s? next\b|\bgoing to (?:pump|moon|explode|skyrocket)\b",
    r"\b(?:split|allocate|diversify|spread)\b.*\b(?:between|across|portfolio|investment)",
    r"\bportfolio (?:allocation|advice|mix)|\ball in\b.*\b(?:buy|crypto|coin|btc|eth)|"
    r"\bgo all in\b",
    r"\bhow much (?:of my|money|should i)\b.*\b(?:invest|crypto|put|be in)\b",
    r"\b(?:best|good|winning) (?:strategy|strategies) for (?:day )?trad",
    r"\bwhat (?:leverage|position size) should i use\b",
    r"\b(?:is|are) (?:\w+ ){0,2}(?:a )?(?:good|safe|smart|wise) (?:buy|bet|investment|idea to buy)",
    r"\bshould i (?:hold|sell|buy|wait) or (?:sell|hold|buy|wait)\b",
    r"\bcut (?:my )?loss(?:es)?\b.*\?|\bshould i (?:cut|take profit|wait)",
    r"\b(?:perform|do) (?:the )?best\b|\bmost (?:potential|upside|promising)\b",
    r"\btoo late to (?:buy|invest|get in)\b|\bmake me (?:rich|money)\b",
    r"\b(?:new )?all[- ]time high\b|\bath\b|\b(?:outlook|forecast) (?:on|for) (?:the )?"
    r"(?:crypto|market|btc|bitcoin|eth|price)",
    r"\bwhat would you (?:buy|invest|do with)\b|\bmore profitable\b",
    r"\bbest (?:altcoin|coin|token|crypto)s?\b",
]
_JA = [
    r"買い時|売り時|仕込み時|買い増し(?:す|し)?(?:べき|た方)|損切り(?:す|し)?(?:べき|た方)",
    r"(?:どの|どれ|何の|なんの|どんな)(?:通貨|コイン|銘柄|仮想通貨|暗号資産|トークン|アルト)"
    r".{0,12}(?:買|投資|おすすめ|オススメ|お勧め|儲|上が|伸び)",
    r"(?:おすすめ|オススメ|お勧め|推奨)の?(?:通貨|コイン|銘柄|仮想通貨|暗号資産|トークン|投資|アルト)",
    rf"{_JA_SUBJECT}.{{0,10}}(?:上が|下が|値上が|値下が|暴落|高騰|急騰|爆上げ|回復|伸び)"
    r"(?:る|り|す|し)(?:ます|そう|と思|か|でしょう|ですか|予想|見込み|ますか|します)",
    rf"{_JA_SUBJECT}.{{0,8}}(?:見通し|展望|将来性|有望)|(?:今後|将来|これから)の?(?:見通し|展望)",
    r"(?:儲け|稼ぎ)(?:る|られる|たい)?(?:方法|コツ)|(?:確実|簡単)に(?:儲|稼)",
    r"(?:将来性|有望|伸びしろ)(?:の|が)(?:ある|高い)|どっちが(?:有望|儲|上が|得)",
    r"(?:長期保有|投資)に向いて(?:る|いる)(?:銘柄|通貨|コイン)|爆上げしそう",
    r"(?:資産|貯金|給料)の?(?:何割|何%|何パーセント|どれくらい)を?(?:仮想通貨|暗号資産|コイン)",
    r"(?:価格|相場|値段|レート)(?:の|は)?(?:予想|予測|見通し|今後)|(?:今後|将来)の?(?:価格|相場|値動き)",
    r"(?:儲か|もうか)(?:る|り)|(?:投資|購入)(?:す|し)(?:べき|たほうが|た方が)|(?:買|売)(?:う|る)べき",
    r"(?:投資|資産運用)の?(?:アドバイス|助言|相談)|(?:何|なに)に投資",
    r"(?:いくらまで|どこまで)(?:上が|下が|行)",
    r"(?:何|なに|どれ|どの銘柄|どのコイン)を?(?:買え|買った|買う)(?:ば|ら|と|の)(?:いい|良い|よい|お得|得)",
    r"(?:損切り|利確|利益確定|ナンピン|買い増し|ガチホ)(?:し|す)?(?:た(?:ほう|方)が|べき|するべき|"
    r"した方がいい|しても)",
    r"(?:持ち続ける|保有し続ける|売った方が|手放すべき|待つべき)(?:べき|が|いい|か)",
    r"(?:超える|超え|届く|到達する|戻る)と思(?:う|い)|いくらになる(?:と思|でしょう|か)",
    r"(?:最初|初心者|はじめて|初めて).{0,10}(?:買うなら|買うべき|投資するなら)",
    r"(?:割安|割高)(?:な|の)?(?:通貨|コイン|銘柄)|今が(?:底|天井)|爆上が|億り人|草コイン.{0,10}(?:当て|儲)",
    r"(?:ポートフォリオ|資産配分|分散投資).{0,12}(?:教え|おすすめ|どう|アドバイス|べき)",
    r"(?:一番|いちばん|最も)(?:効率|儲か|利益|稼げ)|(?:稼げる|勝てる)(?:方法|手法|通貨|銘柄|コイン)",
    r"(?:ロング|ショート)(?:する|した)(?:のが|方が|ほうが|べき)",
    r"(?:投資|購入)(?:先|対象)として(?:どう|いい|有望)|(?:将来性|有望)(?:が)?(?:ある|な)(?:の|通貨|銘柄|コイン)",
]
_PATTERN = re.compile("|".join(f"(?:{p})" for p in _EN + _JA))


def investment_advice(text: str) -> bool:
    """Whether ``text`` asks for investment advice or a price prediction (both languages)."""
    return _PATTERN.search(normalize(text)) is not None


#: Questions a crypto exchange's support desk does not handle, in both languages. They train
#: the classifier's out-of-scope class (label ``None``), next to the articles' examples; the
#: threshold is chosen on them too. General on purpose: nothing here names our taxonomy.
OUT_OF_SCOPE_EXAMPLES: tuple[str, ...] = (
    "what's the weather like in Tokyo tomorrow",
    "can you recommend a good sushi restaurant",
    "tell me a joke",
    "who won the football game last night",
    "how do I cook rice in a pan",
    "write me a poem about the sea",
    "what is the capital of Australia",
    "can you help me with my python homework",
    "what time is it in New York",
    "translate this sentence into French please",
    "my laptop won't turn on, can you fix it",
    "what's a good movie to watch tonight",
    "how tall is Mount Fuji",
    "i need a recipe for curry",
    "how do i renew my passport at the embassy",
    "are you a robot or a person, what is your name",
    "how do i get to Shibuya station",
    "my cat is sick what should i do",
    "recommend a book for my holiday",
    "what's 25 times 17",
    "is it going to rain this weekend",
    "how do I reset my router",
    "book a table for two at 7pm",
    "what are your favourite songs",
    "how can I lose weight quickly",
    "can you order a pizza for me",
    "where can i buy concert tickets",
    "how to learn japanese fast",
    "my car insurance renewal question",
    "explain quantum physics simply",
    "明日の東京の天気は?",
    "おいしいラーメン屋を教えて",
    "何か面白い話をして",
    "昨日の野球の結果は?",
    "カレーの作り方を教えてください",
    "日本の首都はどこですか",
    "宿題を手伝ってほしい",
    "今何時ですか",
    "この文章を英語に翻訳して",
    "パソコンが起動しないのですが",
    "おすすめの映画はありますか",
    "富士山の高さは?",
    "あなたはロボットですか?名前は?",
    "渋谷駅への行き方を教えて",
    "猫の具合が悪いのですがどうすれば",
    "週末は雨が降りますか",
    "ルーターの再起動の方法",
    "レストランの予約をお願いします",
    "ダイエットの方法を教えて",
    "ピザを注文したい",
    "コンサートのチケットはどこで買えますか",
    "英語を早く覚えるには",
    "車の保険について質問です",
    "量子力学を簡単に説明して",
    "しりとりしよう",
    "おはよう、今日もいい天気ですね",
    "好きな食べ物は何?",
    "電車の遅延情報を知りたい",
    "スマホの機種のおすすめは?",
    "年賀状の書き方を教えて",
    "how do I cancel my netflix subscription",
    "my bank's app won't let me log in, can you check",
    "when does the post office close today",
    "how do I delete my facebook account",
    "can you change my phone plan",
    "amazonの注文をキャンセルしたい",
    "銀行のアプリにログインできません、銀行の窓口は何時まで?",
    "携帯のプランを変更したい",
    "インスタのアカウントを削除する方法",
    "コンビニは何時に閉まりますか",
    "what's the meaning of life",
    "do you like cats or dogs",
    "人生相談にのってください",
    "猫と犬どっちが好き?",
    # everyday life, hobbies, homework, other companies: nothing a crypto desk handles
    "how do I unclog a bathroom sink",
    "what should I name my new puppy",
    "can you write a birthday message for my mom",
    "how many calories are in a banana",
    "explain how photosynthesis works",
    "what's the best way to learn guitar",
    "help me plan a three day trip to Hokkaido",
    "how do I fix a flat bicycle tyre",
    "solve this equation for x: 3x + 5 = 20",
    "write a python function that sorts a list",
    "why is my javascript code throwing undefined",
    "what's a good gift for a ten year old",
    "how long should I boil an egg",
    "summarise the plot of Hamlet",
    "who is the prime minister of Japan",
    "recommend some anime to watch",
    "how do I get rid of ants in the kitchen",
    "what are the symptoms of the flu",
    "draft a resignation letter for me",
    "how do I change a car battery",
    "what is the population of Osaka",
    "tips for a job interview tomorrow",
    "how do I make my houseplants grow faster",
    "is it safe to eat raw chicken",
    "my washing machine is making a loud noise",
    "how do I transfer photos from my phone to my computer",
    "cancel my gym membership",
    "track my parcel from the post office",
    "my electricity bill seems too high this month",
    "which airline has the most legroom",
    "compose a haiku about winter",
    "how do I get a driving licence in Japan",
    "what's the difference between a crocodile and an alligator",
    "can you play a song for me",
    "how far is the moon from the earth",
    "トイレのつまりを直す方法",
    "子犬の名前を一緒に考えて",
    "母の誕生日メッセージを書いて",
    "バナナのカロリーは?",
    "光合成の仕組みを説明して",
    "ギターを上達するコツは?",
    "北海道旅行の3日間のプランを立てて",
    "自転車のパンクの直し方",
    "この方程式を解いて 3x+5=20",
    "pythonでリストを並べ替える関数を書いて",
    "10歳の子へのプレゼントは何がいい?",
    "ゆで卵は何分ゆでればいい?",
    "ハムレットのあらすじを教えて",
    "日本の総理大臣は誰?",
    "おすすめのアニメを教えて",
    "キッチンのアリを駆除したい",
    "インフルエンザの症状は?",
    "退職届の書き方を教えて",
    "車のバッテリー交換のやり方",
    "大阪の人口は?",
    "明日の面接のコツを教えて",
    "観葉植物を元気にするには",
    "洗濯機から変な音がする",
    "スマホの写真をパソコンに移したい",
    "ジムの会員を解約したい",
    "郵便の荷物を追跡して",
    "今月の電気代が高すぎる",
    "冬をテーマに俳句を作って",
    "日本で運転免許を取るには",
    "ワニとクロコダイルの違いは?",
    "歌を歌って",
    "月までの距離は?",
    "美味しいパンの焼き方",
    "英会話の勉強法を教えて",
    "腰痛に効くストレッチは?",
)

#: Investment advice and price predictions, in both languages (a class the classifier learns
#: to refuse, behind the patterns above). Written for the desk, not taken from its dev set.
INVESTMENT_ADVICE_EXAMPLES: tuple[str, ...] = (
    "which crypto should i invest in this year",
    "what coin do you think will perform best",
    "is bitcoin going to crash soon",
    "should i buy more eth or wait for a dip",
    "give me your price target for xrp",
    "what is the best altcoin to hold long term",
    "is doge a good long term investment",
    "do you think btc will reach a new all time high",
    "should i sell everything now before the market drops",
    "how much should i put into crypto with my salary",
    "what's your outlook on the crypto market next month",
    "which token has the most potential",
    "recommend me a few coins for my portfolio",
    "is it too late to buy bitcoin",
    "is the market going to recover",
    "which is more profitable, staking or holding solana",
    "tell me a coin that will make me rich",
    "should i take profits on my btc now",
    "can you predict where eth will be at the end of the year",
    "what would you buy with 100k yen right now",
    "今ビットコインを買うべきですか",
    "どの仮想通貨に投資したらいいですか",
    "イーサリアムはこれから値上がりしますか",
    "リップルの今後の見通しを教えて",
    "おすすめのアルトコインはどれですか",
    "今は売った方がいいですか、持っておくべきですか",
    "来年ビットコインはいくらになると思いますか",
    "暗号資産で確実に儲ける方法を教えて",
    "将来性のあるコインを教えてください",
    "10万円あったら何に投資しますか",
    "相場はまだ下がりますか",
    "ソラナとイーサどっちが有望?",
    "長期保有に向いてる銘柄はどれ?",
    "今のうちに買い増ししたほうがいい?",
    "積立と一括、どちらで買うのが得ですか",
    "この下落で損切りするべきか悩んでます",
    "次に爆上げしそうなコインは?",
    "資産の何割を仮想通貨にすればいいですか",
    "ドージコインはまだ上がると思う?",
    "初心者におすすめの投資先は?",
)
