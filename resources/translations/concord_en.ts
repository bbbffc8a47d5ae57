<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AgreementConsensus</name>
    <message numerus="yes">
        <source>%Ln disagreement(s) left</source>
        <translation>
            <numerusform>%Ln disagreement left</numerusform>
            <numerusform>%Ln disagreements left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln agreed passage(s) not accepted</source>
        <translation>
            <numerusform>%Ln agreed passage not accepted</numerusform>
            <numerusform>%Ln agreed passages not accepted</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AgreementForm</name>
    <message numerus="yes">
        <source>%Ln coding(s)</source>
        <translation>
            <numerusform>%Ln coding</numerusform>
            <numerusform>%Ln codings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BenchCommand</name>
    <message numerus="yes">
        <source>Attach %n document(s) and detach {detached} — case {case}</source>
        <translation>
            <numerusform>Attach %n document and detach {detached} — case {case}</numerusform>
            <numerusform>Attach %n documents and detach {detached} — case {case}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Attach %n document(s) — case {case}</source>
        <translation>
            <numerusform>Attach %n document — case {case}</numerusform>
            <numerusform>Attach %n documents — case {case}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Detach %n — case {case}</source>
        <translation>
            <numerusform>Detach %n — case {case}</numerusform>
            <numerusform>Detach %n — case {case}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %n document(s) to group &apos;{group}&apos;</source>
        <translation>
            <numerusform>Add %n document to group &apos;{group}&apos;</numerusform>
            <numerusform>Add %n documents to group &apos;{group}&apos;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n document(s) from group &apos;{group}&apos;</source>
        <translation>
            <numerusform>Remove %n document from group &apos;{group}&apos;</numerusform>
            <numerusform>Remove %n documents from group &apos;{group}&apos;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Assign %n document(s) to {coders}</source>
        <translation>
            <numerusform>Assign %n document to {coders}</numerusform>
            <numerusform>Assign %n documents to {coders}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove assignment of %n document(s) from {coders}</source>
        <translation>
            <numerusform>Remove assignment of %n document from {coders}</numerusform>
            <numerusform>Remove assignment of %n documents from {coders}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mark %n document(s) done</source>
        <translation>
            <numerusform>Mark %n document done</numerusform>
            <numerusform>Mark %n documents done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mark %n document(s) not done</source>
        <translation>
            <numerusform>Mark %n document not done</numerusform>
            <numerusform>Mark %n documents not done</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CodingActions</name>
    <message numerus="yes">
        <source>Remove %n coding(s)</source>
        <translation>
            <numerusform>Remove %n coding</numerusform>
            <numerusform>Remove %n codings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CrosstabView</name>
    <message numerus="yes">
        <source>&lt;b&gt;%Ln&lt;/b&gt; participant(s)</source>
        <translation>
            <numerusform>&lt;b&gt;%Ln&lt;/b&gt; participant</numerusform>
            <numerusform>&lt;b&gt;%Ln&lt;/b&gt; participants</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln value(s)</source>
        <translation>
            <numerusform>%Ln value</numerusform>
            <numerusform>%Ln values</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentActions</name>
    <message numerus="yes">
        <source>Name of a new group for %n document(s):</source>
        <translation>
            <numerusform>Name of a new group for %n document:</numerusform>
            <numerusform>Name of a new group for %n documents:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentInfo</name>
    <message numerus="yes">
        <source>Metadata from the transcript&apos;s opening block (%n field(s)); it is not part of any speaker turn.</source>
        <translation>
            <numerusform>Metadata from the transcript&apos;s opening block (%n field); it is not part of any speaker turn.</numerusform>
            <numerusform>Metadata from the transcript&apos;s opening block (%n fields); it is not part of any speaker turn.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentsModel</name>
    <message numerus="yes">
        <source>coded by you: %Ln coding(s)</source>
        <translation>
            <numerusform>coded by you: %Ln coding</numerusform>
            <numerusform>coded by you: %Ln codings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name}: %n document(s), {coded} coded by you</source>
        <translation>
            <numerusform>{name}: %n document, {coded} coded by you</numerusform>
            <numerusform>{name}: %n documents, {coded} coded by you</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message numerus="yes">
        <source>%Ln quote(s)</source>
        <translation>
            <numerusform>%Ln quote</numerusform>
            <numerusform>%Ln quotes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln code(s)</source>
        <translation>
            <numerusform>%Ln code</numerusform>
            <numerusform>%Ln codes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln segment(s)</source>
        <translation>
            <numerusform>%Ln segment</numerusform>
            <numerusform>%Ln segments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln row</numerusform>
            <numerusform>%Ln rows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KwicView</name>
    <message numerus="yes">
        <source>%Ln hit(s)</source>
        <translation>
            <numerusform>%Ln hit</numerusform>
            <numerusform>%Ln hits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln document</numerusform>
            <numerusform>%Ln documents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MachineReview</name>
    <message numerus="yes">
        <source>%Ln suggestion(s)</source>
        <translation>
            <numerusform>%Ln suggestion</numerusform>
            <numerusform>%Ln suggestions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new suggestion(s)</source>
        <translation>
            <numerusform>%Ln new suggestion</numerusform>
            <numerusform>%Ln new suggestions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MatrixExport</name>
    <message numerus="yes">
        <source>%n coding(s)</source>
        <translation>
            <numerusform>%n coding</numerusform>
            <numerusform>%n codings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MatrixView</name>
    <message numerus="yes">
        <source>%Ln coding(s)</source>
        <translation>
            <numerusform>%Ln coding</numerusform>
            <numerusform>%Ln codings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln case(s)</source>
        <translation>
            <numerusform>%Ln case</numerusform>
            <numerusform>%Ln cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RetrievalView</name>
    <message numerus="yes">
        <source>%Ln coded segment(s)</source>
        <translation>
            <numerusform>%Ln coded segment</numerusform>
            <numerusform>%Ln coded segments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln document</numerusform>
            <numerusform>%Ln documents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SegmentsPanel</name>
    <message numerus="yes">
        <source>%Ln coded passage(s) in this document</source>
        <translation>
            <numerusform>%Ln coded passage in this document</numerusform>
            <numerusform>%Ln coded passages in this document</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln passage(s) coded &apos;{code}&apos;</source>
        <translation>
            <numerusform>%Ln passage coded &apos;{code}&apos;</numerusform>
            <numerusform>%Ln passages coded &apos;{code}&apos;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message numerus="yes">
        <source>Selected %Ln word(s) ({start}–{end})</source>
        <translation>
            <numerusform>Selected %Ln word ({start}–{end})</numerusform>
            <numerusform>Selected %Ln words ({start}–{end})</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SummaryExport</name>
    <message numerus="yes">
        <source>%Ln coded passage(s)</source>
        <translation>
            <numerusform>%Ln coded passage</numerusform>
            <numerusform>%Ln coded passages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln document</numerusform>
            <numerusform>%Ln documents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message numerus="yes">
        <source>%Ln word(s)</source>
        <translation>
            <numerusform>%Ln word</numerusform>
            <numerusform>%Ln words</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln turn(s)</source>
        <translation>
            <numerusform>%Ln turn</numerusform>
            <numerusform>%Ln turns</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>assignments</name>
    <message numerus="yes">
        <source>Who should code the %n selected document(s)?</source>
        <translation>
            <numerusform>Who should code the %n selected document?</numerusform>
            <numerusform>Who should code the %n selected documents?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>audit_viewer</name>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln event</numerusform>
            <numerusform>%Ln events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>backups</name>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln document</numerusform>
            <numerusform>%Ln documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln coding(s)</source>
        <translation>
            <numerusform>%Ln coding</numerusform>
            <numerusform>%Ln codings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>edits</name>
    <message numerus="yes">
        <source>Accept %Ln agreed passage(s) of {coders}</source>
        <translation>
            <numerusform>Accept %Ln agreed passage of {coders}</numerusform>
            <numerusform>Accept %Ln agreed passages of {coders}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message numerus="yes">
        <source>cannot delete &apos;{path}&apos;: it has %Ln coding(s); merge it into another code or remove them first</source>
        <translation>
            <numerusform>cannot delete &apos;{path}&apos;: it has %Ln coding; merge it into another code or remove them first</numerusform>
            <numerusform>cannot delete &apos;{path}&apos;: it has %Ln codings; merge it into another code or remove them first</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>cannot delete &apos;{path}&apos;: it has %Ln subcode(s); move or delete them first</source>
        <translation>
            <numerusform>cannot delete &apos;{path}&apos;: it has %Ln subcode; move or delete them first</numerusform>
            <numerusform>cannot delete &apos;{path}&apos;: it has %Ln subcodes; move or delete them first</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>cannot delete &apos;{path}&apos;: %Ln consensus decision(s) refers (refer) to it</source>
        <translation>
            <numerusform>cannot delete &apos;{path}&apos;: %Ln consensus decision refers to it</numerusform>
            <numerusform>cannot delete &apos;{path}&apos;: %Ln consensus decisions refer to it</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>housekeeping</name>
    <message numerus="yes">
        <source>Delete %n documents…</source>
        <translation>
            <numerusform>Delete %n documents…</numerusform>
            <numerusform>Delete %n documents…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n documents</source>
        <translation>
            <numerusform>Delete %n documents</numerusform>
            <numerusform>Delete %n documents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>removal</name>
    <message numerus="yes">
        <source>%Ln attribute value(s)</source>
        <translation>
            <numerusform>%Ln attribute value</numerusform>
            <numerusform>%Ln attribute values</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln document</numerusform>
            <numerusform>%Ln documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln memo(s)</source>
        <translation>
            <numerusform>%Ln memo</numerusform>
            <numerusform>%Ln memos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln matrix summary(ies)</source>
        <translation>
            <numerusform>%Ln matrix summary</numerusform>
            <numerusform>%Ln matrix summaries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln coding(s)</source>
        <translation>
            <numerusform>%Ln coding</numerusform>
            <numerusform>%Ln codings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln coder(s)</source>
        <translation>
            <numerusform>%Ln coder</numerusform>
            <numerusform>%Ln coders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln consensus decision(s)</source>
        <translation>
            <numerusform>%Ln consensus decision</numerusform>
            <numerusform>%Ln consensus decisions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln value(s)</source>
        <translation>
            <numerusform>%Ln value</numerusform>
            <numerusform>%Ln values</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>survey_import_dialog</name>
    <message numerus="yes">
        <source>%Ln respondent(s)</source>
        <translation>
            <numerusform>%Ln respondent</numerusform>
            <numerusform>%Ln respondents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln attribute(s)</source>
        <translation>
            <numerusform>%Ln attribute</numerusform>
            <numerusform>%Ln attributes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln document</numerusform>
            <numerusform>%Ln documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln answer(s)</source>
        <translation>
            <numerusform>%Ln answer</numerusform>
            <numerusform>%Ln answers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>team</name>
    <message numerus="yes">
        <source>%n conflict(s):</source>
        <translation>
            <numerusform>%n conflict:</numerusform>
            <numerusform>%n conflicts:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merged {merged} of %n file(s)</source>
        <translation>
            <numerusform>Merged {merged} of %n file</numerusform>
            <numerusform>Merged {merged} of %n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merging %n file(s)…</source>
        <translation>
            <numerusform>Merging %n file…</numerusform>
            <numerusform>Merging %n files…</numerusform>
        </translation>
    </message>
</context>
</TS>
