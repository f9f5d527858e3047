<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DossierWindow</name>
    <message>
        <source>Dossier %1</source>
        <translation>物品档案 %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>履历</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
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
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Stored PDF</source>
        <translation>存档 PDF</translation>
    </message>
    <message>
        <source>Replaced by</source>
        <translation>取代证书</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Verify signature</source>
        <translation>验证签名</translation>
    </message>
    <message>
        <source>Export signed certificate PDF…</source>
        <translation>导出已签名证书 PDF…</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Waybill %1</source>
        <translation>运单 %1</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>订单 %1</translation>
    </message>
    <message>
        <source>Received %1</source>
        <translation>收货于 %1</translation>
    </message>
    <message>
        <source>Double-click to see the photo</source>
        <translation>双击查看照片</translation>
    </message>
    <message>
        <source> (replaced)</source>
        <translation>（已替换）</translation>
    </message>
    <message>
        <source>file missing or damaged</source>
        <translation>文件缺失或已损坏</translation>
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
        <source>not heard yet</source>
        <translation>尚未收到</translation>
    </message>
    <message>
        <source>intact</source>
        <translation>完好</translation>
    </message>
    <message>
        <source>MISSING OR DAMAGED</source>
        <translation>缺失或已损坏</translation>
    </message>
    <message>
        <source>Timeline (%1)</source>
        <translation>履历（%1）</translation>
    </message>
    <message>
        <source>Photos (%1)</source>
        <translation>照片（%1）</translation>
    </message>
    <message>
        <source>Appraisal</source>
        <translation>鉴定结果</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>正在验证 %1…</translation>
    </message>
    <message>
        <source>Export the signed certificate</source>
        <translation>导出已签名的证书</translation>
    </message>
    <message>
        <source>Export the dossier as JSON</source>
        <translation>将档案导出为 JSON</translation>
    </message>
    <message>
        <source>Export the dossier as a signed PDF</source>
        <translation>将档案导出为签名 PDF</translation>
    </message>
    <message>
        <source>No signing key yet: a supervisor creates it at the review station first.</source>
        <translation>尚无签名密钥：请主管先在复核站创建。</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>PhotoDialog</name>
    <message>
        <source>Photo %1</source>
        <translation>照片 %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>The file is not a picture this station can show.</source>
        <translation>该文件不是本站能显示的图片。</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <source>Search</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Tag, IMEI or serial, waybill, order, ASN, certificate, merchant…</source>
        <translation>标签、IMEI 或序列号、运单号、订单号、预报单号、证书编号、商家…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>品名</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Found by</source>
        <translation>匹配项</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation>商家</translation>
    </message>
    <message>
        <source>Type at least %1 characters</source>
        <translation>请至少输入 %1 个字符</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在查找…</translation>
    </message>
    <message>
        <source>No item matches %1</source>
        <translation>没有与 %1 匹配的物品</translation>
    </message>
    <message>
        <source>Scan not used here and no item matches it: %1</source>
        <translation>本站不使用该扫描，也没有匹配的物品：%1</translation>
    </message>
    <message>
        <source>%1 items found</source>
        <translation>找到 %1 件物品</translation>
    </message>
    <message>
        <source>Scan not used here: %1</source>
        <translation>本站不使用该扫描：%1</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>查找…</translation>
    </message>
</context>
</TS>
