<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdminPage</name>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>The administrator adds the staff afterwards (Admin station).</source>
        <translation>管理员之后在“管理”工作台添加员工。</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
</context>
<context>
    <name>CameraPrinterPage</name>
    <message>
        <source>Camera and label printer</source>
        <translation>相机与标签打印机</translation>
    </message>
    <message>
        <source>Test the camera and print a test label.</source>
        <translation>测试相机并打印一张测试标签。</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>相机</translation>
    </message>
    <message>
        <source>Label printer</source>
        <translation>标签打印机</translation>
    </message>
    <message>
        <source>0 for the first camera, or a video file / image folder</source>
        <translation>0 表示第一台相机，或视频文件 / 图片文件夹</translation>
    </message>
    <message>
        <source>Show a picture</source>
        <translation>显示画面</translation>
    </message>
    <message>
        <source>Print a test label</source>
        <translation>打印测试标签</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Printer address</source>
        <translation>打印机地址</translation>
    </message>
    <message>
        <source>Printer port</source>
        <translation>打印机端口</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Choose your own password</source>
        <translation>请设置自己的密码</translation>
    </message>
    <message>
        <source>Your password was set by an administrator. Choose your own before you start.</source>
        <translation>您的密码由管理员设置。开始工作前请设置自己的密码。</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat the new password</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong that the workstation did not expect. What was saved before stays saved; the step that failed may need to be repeated.

%1

The details were written to the log file:
%2
Please give this file to your supervisor or support.</source>
        <translation>工作站遇到了未预料的问题。之前已保存的内容不受影响；失败的这一步可能需要重做。

%1

详细信息已写入日志文件：
%2
请把此文件交给主管或技术支持。</translation>
    </message>
</context>
<context>
    <name>DatabasePage</name>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Leave empty for a database on this computer. Several workstations share one PostgreSQL database: postgresql+psycopg://user:password@host/name</source>
        <translation>留空则使用本机数据库。多台工作站共用一个 PostgreSQL 数据库：postgresql+psycopg://用户:密码@主机/库名</translation>
    </message>
    <message>
        <source>Test the connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Database URL</source>
        <translation>数据库地址</translation>
    </message>
</context>
<context>
    <name>DemoMode</name>
    <message>
        <source> (simulated)</source>
        <translation>（模拟）</translation>
    </message>
    <message>
        <source>DEMO — simulated devices, local test platform, not for real pieces</source>
        <translation>演示模式 — 模拟设备、本机测试平台，不得用于真实物品</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>演示模式</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <source>Balance and inspection box</source>
        <translation>天平与检测盒</translation>
    </message>
    <message>
        <source>Connect the devices, choose their ports and test each one. A device left unconnected is shown as not configured.</source>
        <translation>连接设备，选择端口并逐一测试。未连接的设备显示为“未配置”。</translation>
    </message>
    <message>
        <source>Precision balance</source>
        <translation>精密天平</translation>
    </message>
    <message>
        <source>detect automatically</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>Read a stable weight</source>
        <translation>读取稳定重量</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>Phone inspection box</source>
        <translation>手机检测盒</translation>
    </message>
    <message>
        <source>Say hello</source>
        <translation>握手测试</translation>
    </message>
</context>
<context>
    <name>PlatformPage</name>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>The address and token come from the platform&apos;s operators. Leave empty to work without sync for now (shown as not configured).</source>
        <translation>地址和令牌由平台运营方提供。留空则暂不同步（显示为“未配置”）。</translation>
    </message>
    <message>
        <source>Test the connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Platform address</source>
        <translation>平台地址</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
</context>
<context>
    <name>PortChooser</name>
    <message>
        <source>(not connected)</source>
        <translation>（未连接）</translation>
    </message>
</context>
<context>
    <name>SetupAssistant</name>
    <message>
        <source>Treasure Warehouse — set up this workstation</source>
        <translation>珍宝仓 — 设置本工作站</translation>
    </message>
    <message>
        <source>Testing and saving…</source>
        <translation>正在测试并保存…</translation>
    </message>
</context>
<context>
    <name>TestRow</name>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
</context>
<context>
    <name>WarehousePage</name>
    <message>
        <source>Warehouse and workstation</source>
        <translation>仓库与工作站</translation>
    </message>
    <message>
        <source>The name is printed on every certificate.</source>
        <translation>仓库名称会印在每张证书上。</translation>
    </message>
    <message>
        <source>Warehouse id</source>
        <translation>仓库编号</translation>
    </message>
    <message>
        <source>Warehouse name</source>
        <translation>仓库名称</translation>
    </message>
    <message>
        <source>Workstation id</source>
        <translation>工作站编号</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
</context>
</TS>
