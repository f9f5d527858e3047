<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DevicesScreen</name>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="41"/>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="69"/>
        <source>Precision balance</source>
        <translation>精密天平</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="78"/>
        <location filename="../../app/ui/devices/screen.py" line="98"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="79"/>
        <source>Model / serial</source>
        <translation>型号 / 序列号</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="80"/>
        <source>Live weight</source>
        <translation>实时重量</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="82"/>
        <location filename="../../app/ui/devices/screen.py" line="100"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="84"/>
        <source>Read stable</source>
        <translation>读取稳定值</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="84"/>
        <source>Zero</source>
        <translation>清零</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="84"/>
        <source>Tare</source>
        <translation>去皮</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="92"/>
        <source>Inspection box</source>
        <translation>检测盒</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="99"/>
        <source>Model / serial / firmware</source>
        <translation>型号 / 序列号 / 固件</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="101"/>
        <source>Connect and ask status</source>
        <translation>连接并查询状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="107"/>
        <source>Station camera</source>
        <translation>工位相机</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="109"/>
        <source>No picture</source>
        <translation>无图像</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="119"/>
        <source>Take a test photo</source>
        <translation>拍摄测试照片</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="125"/>
        <source>Scanner and label printer</source>
        <translation>扫码枪与标签打印机</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="127"/>
        <source>(scan any code to test)</source>
        <translation>（扫描任意条码测试）</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="131"/>
        <source>Last scan</source>
        <translation>最近扫码</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="132"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="133"/>
        <source>Print a test label</source>
        <translation>打印测试标签</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="149"/>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="149"/>
        <source>disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="150"/>
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="150"/>
        <source>reconnecting</source>
        <translation>重新连接中</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="151"/>
        <source>not answering</source>
        <translation>无响应</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="151"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="152"/>
        <source>no camera found</source>
        <translation>未找到相机</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="152"/>
        <source>camera busy</source>
        <translation>相机被占用</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="153"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="153"/>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="159"/>
        <source>Devices are starting or could not start; see the status bar.</source>
        <translation>设备正在启动或启动失败，请查看状态栏。</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="206"/>
        <source>Saved. The new port is used from the next start.</source>
        <translation>已保存。新端口将在下次启动时生效。</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="216"/>
        <source>stable</source>
        <translation>稳定</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="216"/>
        <source>settling…</source>
        <translation>稳定中…</translation>
    </message>
    <message>
        <location filename="../../app/ui/devices/screen.py" line="228"/>
        <source>Codes in view: %1</source>
        <translation>画面中的条码：%1</translation>
    </message>
</context>
</TS>
