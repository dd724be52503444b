<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AuditDialog</name>
    <message numerus="yes">
        <source>%n entry(ies), oldest first.</source>
        <translation>
            <numerusform>%n entry, oldest first.</numerusform>
            <numerusform>%n entries, oldest first.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CsvImportDialog</name>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n patient(s)</source>
        <translation>
            <numerusform>%n patient</numerusform>
            <numerusform>%n patients</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PatientPanel</name>
    <message numerus="yes">
        <source>%n visit(s)</source>
        <translation>
            <numerusform>%n visit</numerusform>
            <numerusform>%n visits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreviewSection</name>
    <message numerus="yes">
        <source>{title}: %n page(s).</source>
        <translation>
            <numerusform>{title}: %n page.</numerusform>
            <numerusform>{title}: %n pages.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProgressView</name>
    <message numerus="yes">
        <source>Started {date} · {ended}{referred} · %n visit(s)</source>
        <translation>
            <numerusform>Started {date} · {ended}{referred} · %n visit</numerusform>
            <numerusform>Started {date} · {ended}{referred} · %n visits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReferralBanner</name>
    <message numerus="yes">
        <source>&lt;b&gt;{when}&lt;/b&gt; — %n red flag(s) answered Yes{raised}</source>
        <translation>
            <numerusform>&lt;b&gt;{when}&lt;/b&gt; — %n red flag answered Yes{raised}</numerusform>
            <numerusform>&lt;b&gt;{when}&lt;/b&gt; — %n red flags answered Yes{raised}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TriagePanel</name>
    <message numerus="yes">
        <source>&lt;p style=&apos;color:#c62828&apos;&gt;&lt;b&gt;%n entry(ies) need(s) fixing (marked in red in the form).&lt;/b&gt; The triage below is from before.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p style=&apos;color:#c62828&apos;&gt;&lt;b&gt;%n entry needs fixing (marked in red in the form).&lt;/b&gt; The triage below is from before.&lt;/p&gt;</numerusform>
            <numerusform>&lt;p style=&apos;color:#c62828&apos;&gt;&lt;b&gt;%n entries need fixing (marked in red in the form).&lt;/b&gt; The triage below is from before.&lt;/p&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VisitEditor</name>
    <message numerus="yes">
        <source>%n entry(ies) not valid and will be left out of the finished visit:</source>
        <translation>
            <numerusform>%n entry is not valid and will be left out of the finished visit:</numerusform>
            <numerusform>%n entries are not valid and will be left out of the finished visit:</numerusform>
        </translation>
    </message>
</context>
</TS>
