"""Interview text in several languages for the import tests: realistic passages to save in legacy encodings."""

from __future__ import annotations

# Taiwan, in Traditional characters (saved as Big5)
TRADITIONAL_CHINESE = (
    '訪談者：院長您好，謝謝您撥冗接受訪談。請先簡單介紹一下貴院的情況。\n\n'
    '受訪者：好的。我們醫院位於台中市郊區，服務人口大約六萬人，目前有一百二十張病床。院內醫師共有三十八位'
    '，其中家庭醫學科醫師七位，護理人員一百一十多位。我擔任院長已經第五年了，之前在醫學中心的內科服務了十'
    '五年。\n\n'
    '訪談者：貴院是哪一年加入區域醫療聯盟的？當初為什麼決定加入？\n\n'
    '受訪者：民國一百零六年加入的。主要原因是轉診的問題。以前病人到了我們這邊，如果需要做心導管或是比較複'
    '雜的手術，我們只能請家屬自己想辦法掛號，常常要等好幾個禮拜。加入聯盟以後，醫學中心保留了一部分門診名'
    '額給我們，轉診單直接用系統傳過去，病人大概三天之內就可以看到專科醫師。\n\n'
    '訪談者：在人事和經費方面，聯盟對貴院有什麼影響？\n\n'
    '受訪者：人事上，醫學中心每個月派兩位主治醫師過來支援，星期二和星期四看門診。經費方面，健保的給付還是'
    '各自申報，聯盟本身沒有統一的預算，這一點其實是我們最大的困擾。設備採購也是各自決定，聯盟只能提供建議'
    '，沒有辦法強制。\n'
)

# Japanese (saved as Shift-JIS or EUC-JP)
JAPANESE = (
    'インタビュアー：本日はお時間をいただきありがとうございます。まず、病院の概要を教えてください。\n\n'
    '回答者：はい。当院は県の北部にある中規模の病院で、病床数は百八十床です。医師は四十二名、看護師は百五'
    '十名ほどおります。私が院長に就任してから六年目になります。\n\n'
    'インタビュアー：地域医療連携推進法人に参加されたのはいつですか。\n\n'
    '回答者：三年前です。一番の理由は紹介の問題でした。以前は、心臓カテーテル検査が必要な患者さんがいても'
    '、大学病院の予約が取れるまで何週間も待っていただくことがありました。連携に参加してからは、紹介状を電'
    '子的に送ることができ、患者さんは一週間以内に専門医の診察を受けられるようになりました。\n\n'
    'インタビュアー：人事や予算の面ではどのような変化がありましたか。\n\n'
    '回答者：大学病院から毎週火曜日と木曜日に医師が派遣されてきます。ただし、予算はそれぞれの病院が別々に'
    '管理しておりますので、設備の購入などは各病院の判断になります。\n'
)

# English with Word's typographic quotes and accented loanwords (saved as Windows-1252)
ENGLISH_WINDOWS = (
    'Interviewer: Thank you for making time this morning. Could you describe your role – and how your office'
    ' relates to the group?\n\n'
    'R: Of course. I head the district health bureau, so “on paper” I’m the person who used to run all of'
    ' these hospitals directly. Before the reform, every district hospital came to my office for everything:'
    ' a new CT scanner, a deputy director, even the money to repaint a ward. It wasn’t a naïve arrangement;'
    ' it was simply how the régime worked.\n\n'
    'Interviewer: What did that change look like in practice?\n\n'
    'R: The group’s director — Dr Müller, who trained in Zürich — now signs off on purchases under €50,000'
    ' without asking us. Referrals go through the group’s own office, and the café downstairs is where half'
    ' of those decisions get made, frankly.\n'
)

# English whose only non-ASCII characters are curly apostrophes, quotes and dashes
ENGLISH_APOSTROPHES = (
    'Interviewer: So you’d say the referral office didn’t change much?\n\n'
    'R: I’d say it’s changed the paperwork, but it hasn’t changed who decides. We’re still waiting on the'
    ' county. They’ve promised a new system; we’ll see. The group’s director can’t sign for anything over'
    ' the threshold, and that’s where it stalls — the patients’ records don’t move with them.\n\n'
    'Interviewer: What about the doctors’ rotations?\n\n'
    'R: They’re fine on paper. In practice I’m short two people every Tuesday, and you can’t run a clinic'
    ' like that.\n'
)

# Czech (saved as Windows-1250)
CZECH = (
    'Tazatel: Děkuji, že jste si našel čas. Mohl byste nejprve popsat svou roli v nemocnici?\n\n'
    'Respondent: Samozřejmě. Jsem ředitelem okresní nemocnice už šest let. Předtím jsem pracoval čtrnáct let'
    ' na interně ve fakultní nemocnici. Naše nemocnice má sto dvacet lůžek a zhruba čtyřicet lékařů. Když'
    ' se vytvořila regionální síť, hlavním důvodem byly překlady pacientů – dříve jsme museli čekat několik'
    ' týdnů na termín u specialisty.\n\n'
    'Tazatel: Jak se změnilo financování a řízení personálu?\n\n'
    'Respondent: Zdravotní pojišťovna platí každé nemocnici zvlášť, takže společný rozpočet nemáme. Fakultní'
    ' nemocnice k nám každé úterý a čtvrtek posílá dva lékaře. O nákupu přístrojů si ale rozhodujeme sami;'
    ' síť může jen doporučovat.\n'
)

# Russian (saved as Windows-1251 or KOI8-R)
RUSSIAN = (
    'Интервьюер: Спасибо, что нашли время. Расскажите, пожалуйста, о своей роли в больнице.\n\n'
    'Респондент: Конечно. Я шесть лет работаю главным врачом районной больницы. До этого четырнадцать лет'
    ' работал в терапевтическом отделении областной клинической больницы. У нас сто двадцать коек и около'
    ' сорока врачей. Главной причиной вступления в объединение были направления: раньше пациенты неделями'
    ' ждали приёма у специалиста.\n\n'
    'Интервьюер: Как изменились финансирование и управление кадрами?\n\n'
    'Респондент: Фонд обязательного медицинского страхования платит каждой больнице отдельно, поэтому общего'
    ' бюджета у нас нет. Областная больница по вторникам и четвергам присылает к нам двух врачей.\n'
)

# Korean (saved as EUC-KR)
KOREAN = (
    '면담자: 시간 내주셔서 감사합니다. 먼저 병원에서 맡고 계신 역할을 말씀해 주시겠습니까?\n\n'
    '응답자: 네. 저는 군립 병원의 원장으로 육 년째 일하고 있습니다. 그 전에는 대학병원 내과에서 십사 년 '
    '동안 근무했습니다. 우리 병원은 병상이 백이십 개이고 의사는 약 사십 명입니다. 협력 체계에 참여한 가장'
    ' 큰 이유는 환자 의뢰 문제였습니다. 예전에는 환자들이 전문의를 만나기 위해 몇 주씩 기다려야 했습니다.\n\n'
    '면담자: 재정과 인사 관리는 어떻게 바뀌었습니까?\n\n'
    '응답자: 건강보험은 각 병원에 따로 지급하기 때문에 공동 예산은 없습니다. 대학병원에서 화요일과 목요일'
    '마다 의사 두 명을 보내 줍니다.\n'
)

# Spanish (saved as Mac Roman or Windows-1252)
SPANISH = (
    'Entrevistador: ¿Cuánto tiempo lleva trabajando aquí?\n\n'
    'Respondente: Unos diez años. Aquí en el país la reforma cambió la política de derivación. Antes, el día'
    ' que un paciente necesitaba un especialista, esperaba semanas; ahora la oficina del grupo lo envía en'
    ' tres días. También sé que la dirección decide sobre las compras, y nosotros sólo opinamos. Mañana tenemos'
    ' otra reunión con el comité.\n'
)
