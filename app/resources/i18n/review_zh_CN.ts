<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CertificateActions</name>
    <message>
        <source>Signing the certificate…</source>
        <translation>正在签署证书…</translation>
    </message>
    <message>
        <source>Certificate %1 issued</source>
        <translation>证书 %1 已签发</translation>
    </message>
    <message>
        <source>Copy (副本 / COPY) of %1</source>
        <translation>%1 副本（COPY）</translation>
    </message>
    <message>
        <source>Original of %1</source>
        <translation>%1 正本</translation>
    </message>
    <message>
        <source>Preparing the print…</source>
        <translation>正在准备打印…</translation>
    </message>
    <message>
        <source>%1 printed</source>
        <translation>%1 已打印</translation>
    </message>
    <message>
        <source>Void certificate %1</source>
        <translation>作废证书 %1</translation>
    </message>
    <message>
        <source>Why is this certificate void? (required)</source>
        <translation>作废原因？（必填）</translation>
    </message>
    <message>
        <source>%1 voided</source>
        <translation>%1 已作废</translation>
    </message>
    <message>
        <source>%1 voided and replaced by %2</source>
        <translation>%1 已作废，由 %2 替代</translation>
    </message>
    <message>
        <source>Unlock the signing key to issue the replacement.</source>
        <translation>请先解锁签名密钥以签发替代证书。</translation>
    </message>
    <message>
        <source>Select the certificates to print in the list.</source>
        <translation>请先在列表中选择要打印的证书。</translation>
    </message>
    <message>
        <source>%1 of %2 certificates printed</source>
        <translation>已打印 %1 / %2 份证书</translation>
    </message>
</context>
<context>
    <name>CertificatePrinting</name>
    <message>
        <source>Printing certificates…</source>
        <translation>正在打印证书…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Printing %1 (%2 of %3)…</source>
        <translation>正在打印 %1（第 %2 / %3 份）…</translation>
    </message>
</context>
<context>
    <name>DossierView</name>
    <message>
        <source>Scan a tag or pick an item from the list</source>
        <translation>请扫描标签或从列表中选择物品</translation>
    </message>
    <message>
        <source>Merchant&apos;s declaration</source>
        <translation>商家申报</translation>
    </message>
    <message>
        <source>Appraisal result</source>
        <translation>鉴定结果</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Measurement</source>
        <translation>测量项</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>品名</translation>
    </message>
    <message>
        <source>Total mass</source>
        <translation>总质量</translation>
    </message>
    <message>
        <source>Main stone</source>
        <translation>主石</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>IMEI</source>
        <translation>IMEI</translation>
    </message>
    <message>
        <source>device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Red findings: read and acknowledge each before approving</source>
        <translation>红色发现：批准前请逐条阅读并确认</translation>
    </message>
    <message>
        <source>typed by hand</source>
        <translation>手工录入</translation>
    </message>
    <message>
        <source>computed</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Inspection report %1 from box %2 (%3), %4</source>
        <translation>检测报告 %1，检测盒 %2（固件 %3），%4</translation>
    </message>
    <message>
        <source>Revision %1: %2 by %3</source>
        <translation>第 %1 版：%3 %2</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>复核通过</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Appraiser&apos;s justification: %1</source>
        <translation>鉴定师的理由：%1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>not graded yet</source>
        <translation>尚未分级</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>定名</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Metal</source>
        <translation>金属</translation>
    </message>
    <message>
        <source>Diamond grades</source>
        <translation>钻石分级</translation>
    </message>
    <message>
        <source>Treatments</source>
        <translation>优化处理</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Cosmetic grade</source>
        <translation>成色</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation>电池</translation>
    </message>
    <message>
        <source>Disclosures</source>
        <translation>披露事项</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Mass</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>Mass in water</source>
        <translation>水中质量</translation>
    </message>
    <message>
        <source>Specific gravity</source>
        <translation>比重</translation>
    </message>
    <message>
        <source>Refractive index</source>
        <translation>折射率</translation>
    </message>
    <message>
        <source>Dimensions</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Magnification</source>
        <translation>放大检查</translation>
    </message>
    <message>
        <source>Fluorescence</source>
        <translation>荧光</translation>
    </message>
    <message>
        <source>Polariscope</source>
        <translation>偏光镜</translation>
    </message>
    <message>
        <source>Spectroscope</source>
        <translation>分光镜</translation>
    </message>
    <message>
        <source>Inclusions</source>
        <translation>内含物</translation>
    </message>
    <message>
        <source>Hallmark</source>
        <translation>印记</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>状况</translation>
    </message>
    <message>
        <source>Metal content (XRF)</source>
        <translation>贵金属含量（XRF）</translation>
    </message>
</context>
<context>
    <name>KeyDialog</name>
    <message>
        <source>Create the signing key</source>
        <translation>创建签名密钥</translation>
    </message>
    <message>
        <source>Unlock the signing key</source>
        <translation>解锁签名密钥</translation>
    </message>
    <message>
        <source>No signing key exists yet. Choose a passphrase of at least 8 characters; you will type it once per session to sign certificates.</source>
        <translation>尚无签名密钥。请设置至少 8 个字符的口令；每次登录后签发证书前需输入一次。</translation>
    </message>
    <message>
        <source>Type the signing key&apos;s passphrase. It stays unlocked until you log out.</source>
        <translation>请输入签名密钥口令。退出登录前密钥保持解锁。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>再输一次</translation>
    </message>
    <message>
        <source>Please type the passphrase.</source>
        <translation>请输入口令。</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The printer did not accept the job; nothing was printed.</source>
        <translation>打印机未接受任务，未打印任何内容。</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Issue a replacement certificate at once</source>
        <translation>立即签发替代证书</translation>
    </message>
    <message>
        <source>Please write the reason.</source>
        <translation>请填写原因。</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>Whole history…</source>
        <translation>完整履历…</translation>
    </message>
    <message>
        <source>Review &amp; certificates</source>
        <translation>复核与出证</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>定名</translation>
    </message>
    <message>
        <source>Graded by</source>
        <translation>鉴定人</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>To review</source>
        <translation>待复核</translation>
    </message>
    <message>
        <source>To certify</source>
        <translation>待出证</translation>
    </message>
    <message>
        <source>Print selected…</source>
        <translation>打印所选…</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>复核通过</translation>
    </message>
    <message>
        <source>Return for rework…</source>
        <translation>退回重做…</translation>
    </message>
    <message>
        <source>Issue certificate</source>
        <translation>签发证书</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Void…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>To review (%1)</source>
        <translation>待复核（%1）</translation>
    </message>
    <message>
        <source>To certify (%1)</source>
        <translation>待出证（%1）</translation>
    </message>
    <message>
        <source>%1 approved</source>
        <translation>%1 已复核通过</translation>
    </message>
    <message>
        <source>Return for rework</source>
        <translation>退回重做</translation>
    </message>
    <message>
        <source>What must the appraiser redo? (required)</source>
        <translation>需要鉴定师重做什么？（必填）</translation>
    </message>
    <message>
        <source>%1 returned to appraisal</source>
        <translation>%1 已退回重新鉴定</translation>
    </message>
</context>
<context>
    <name>_Dialog</name>
    <message>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
</context>
</TS>
