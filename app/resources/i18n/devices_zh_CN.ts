<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BalanceChecksDialog</name>
    <message>
        <source>Balance checks</source>
        <translation>天平检查</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>天平</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Daily check until</source>
        <translation>每日检查有效至</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Weights / certificate</source>
        <translation>砝码 / 证书</translation>
    </message>
    <message>
        <source>Calibration laboratory</source>
        <translation>校准机构</translation>
    </message>
    <message>
        <source>Certificate no.</source>
        <translation>校准证书编号</translation>
    </message>
    <message>
        <source>Record calibration</source>
        <translation>登记外部校准</translation>
    </message>
    <message>
        <source>on</source>
        <translation>校准日期</translation>
    </message>
    <message>
        <source>due</source>
        <translation>下次校准</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>History of the selected balance</source>
        <translation>所选天平的检查记录</translation>
    </message>
    <message>
        <source>No balance has been checked yet.</source>
        <translation>尚无天平检查记录。</translation>
    </message>
    <message>
        <source>Daily check</source>
        <translation>每日检查</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>外部校准</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Calibration recorded; next due %1</source>
        <translation>外部校准已登记；下次校准 %1</translation>
    </message>
</context>
<context>
    <name>DevicesScreen</name>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Precision balance</source>
        <translation>精密天平</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Model / serial</source>
        <translation>型号 / 序列号</translation>
    </message>
    <message>
        <source>Live weight</source>
        <translation>实时重量</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Check history…</source>
        <translation>检查记录…</translation>
    </message>
    <message>
        <source>Quality check</source>
        <translation>质量检查</translation>
    </message>
    <message>
        <source>Read stable</source>
        <translation>读取稳定值</translation>
    </message>
    <message>
        <source>Zero</source>
        <translation>置零</translation>
    </message>
    <message>
        <source>Tare</source>
        <translation>去皮</translation>
    </message>
    <message>
        <source>Inspection box</source>
        <translation>检测盒</translation>
    </message>
    <message>
        <source>Model / serial / firmware</source>
        <translation>型号 / 序列号 / 固件</translation>
    </message>
    <message>
        <source>Connect and ask status</source>
        <translation>连接并查询状态</translation>
    </message>
    <message>
        <source>Station camera</source>
        <translation>工位相机</translation>
    </message>
    <message>
        <source>No picture</source>
        <translation>无图像</translation>
    </message>
    <message>
        <source>Take a test photo</source>
        <translation>拍摄测试照片</translation>
    </message>
    <message>
        <source>Scanner and label printer</source>
        <translation>扫码枪与标签打印机</translation>
    </message>
    <message>
        <source>(scan any code to test)</source>
        <translation>（扫描任意条码测试）</translation>
    </message>
    <message>
        <source>Last scan</source>
        <translation>最近扫码</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Print a test label</source>
        <translation>打印测试标签</translation>
    </message>
    <message>
        <source>Devices are starting or could not start; see the status bar.</source>
        <translation>设备正在启动或启动失败，请查看状态栏。</translation>
    </message>
    <message>
        <source>No balance has been checked yet.</source>
        <translation>尚无天平检查记录。</translation>
    </message>
    <message>
        <source>Saved. The new port is used from the next start.</source>
        <translation>已保存。新端口将在下次启动时生效。</translation>
    </message>
    <message>
        <source>stable</source>
        <translation>稳定</translation>
    </message>
    <message>
        <source>settling…</source>
        <translation>稳定中…</translation>
    </message>
    <message>
        <source>Codes in view: %1</source>
        <translation>画面中的条码：%1</translation>
    </message>
</context>
</TS>
