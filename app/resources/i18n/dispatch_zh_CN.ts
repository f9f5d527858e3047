<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DispatchScreen</name>
    <message>
        <source>Dispatch</source>
        <translation>发货</translation>
    </message>
    <message>
        <source>Scan the tag of the piece that leaves</source>
        <translation>请扫描要发出物品的标签</translation>
    </message>
    <message>
        <source>Certificate photo</source>
        <translation>证书照片</translation>
    </message>
    <message>
        <source>Photo at dispatch</source>
        <translation>发货时照片</translation>
    </message>
    <message>
        <source>Tag, then outbound waybill (or scan)</source>
        <translation>先输入标签，再输入发货运单号（或直接扫描）</translation>
    </message>
    <message>
        <source>Supervisor release…</source>
        <translation>主管放行…</translation>
    </message>
    <message>
        <source>Show return slip</source>
        <translation>查看退货单</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <source>Ready to leave</source>
        <translation>待发出</translation>
    </message>
    <message>
        <source>Still working on the last scan; scan again in a moment</source>
        <translation>上一次扫描仍在处理，请稍后再扫</translation>
    </message>
    <message>
        <source>Scan the piece&apos;s tag first</source>
        <translation>请先扫描物品标签</translation>
    </message>
    <message>
        <source>Print the return slip and put it in the parcel. Waybill %1</source>
        <translation>请打印退货单并放入包裹。运单 %1</translation>
    </message>
    <message>
        <source>to the buyer</source>
        <translation>发给买家</translation>
    </message>
    <message>
        <source>back to the merchant</source>
        <translation>退回商家</translation>
    </message>
    <message>
        <source>certificate %1</source>
        <translation>证书 %1</translation>
    </message>
    <message>
        <source>Appraisal photo (no certificate)</source>
        <translation>鉴定照片（无证书）</translation>
    </message>
    <message>
        <source>This piece may not leave</source>
        <translation>该物品不能发出</translation>
    </message>
    <message>
        <source>Now scan the outbound waybill (%1)</source>
        <translation>请扫描发货运单（%1）</translation>
    </message>
    <message>
        <source>STOP: the photo does not match the certified piece</source>
        <translation>停止：照片与出证物品不符</translation>
    </message>
    <message>
        <source>Match %1. Keep the piece here until a supervisor looks.</source>
        <translation>相似度 %1。请留下物品，等待主管查看。</translation>
    </message>
    <message>
        <source>Returned to merchant: %1</source>
        <translation>已退回商家：%1</translation>
    </message>
    <message>
        <source>Dispatched to buyer: %1</source>
        <translation>已发给买家：%1</translation>
    </message>
    <message>
        <source>Waybill %1 · photo match %2</source>
        <translation>运单 %1 · 照片相似度 %2</translation>
    </message>
    <message>
        <source>The return slip cannot be shown</source>
        <translation>无法显示退货单</translation>
    </message>
    <message>
        <source>Return slip</source>
        <translation>退货单</translation>
    </message>
    <message>
        <source>Return slip printed</source>
        <translation>退货单已打印</translation>
    </message>
    <message>
        <source>Put it in the parcel.</source>
        <translation>请放入包裹。</translation>
    </message>
    <message>
        <source>Supervisor release</source>
        <translation>主管放行</translation>
    </message>
    <message>
        <source>Compare both photos. Release only if this is the certified piece.</source>
        <translation>请比对两张照片。仅当确为出证的同一件物品时才放行。</translation>
    </message>
</context>
<context>
    <name>Stations</name>
    <message>
        <source>Dispatch</source>
        <translation>发货</translation>
    </message>
</context>
</TS>
