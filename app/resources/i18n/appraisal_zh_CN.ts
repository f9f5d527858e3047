<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DailyCheckDialog</name>
    <message>
        <source>Daily balance check</source>
        <translation>天平每日检查</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>砝码</translation>
    </message>
    <message>
        <source>Nominal</source>
        <translation>标称值</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>读数</translation>
    </message>
    <message>
        <source>Deviation / tolerance</source>
        <translation>偏差 / 允差</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Read stable weight</source>
        <translation>读取稳定值</translation>
    </message>
    <message>
        <source>Record check</source>
        <translation>记录检查</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Readability (g):</source>
        <translation>分度值（g）：</translation>
    </message>
    <message>
        <source>No reference weights are set up (setting reference_weights).</source>
        <translation>尚未设置标准砝码（设置项 reference_weights）。</translation>
    </message>
    <message>
        <source>Place weight %1 (%2 g, class %3) on the pan, wait for STABLE, then read.</source>
        <translation>请将砝码 %1（%2 g，%3 级）放上秤盘，待显示“稳定”后读取。</translation>
    </message>
    <message>
        <source>All weights read. Record the check.</source>
        <translation>所有砝码已读取，请记录检查。</translation>
    </message>
    <message>
        <source>The reading is not stable yet; wait for the STABLE sign.</source>
        <translation>读数尚未稳定，请等待“稳定”标志。</translation>
    </message>
    <message>
        <source>The readings came from another balance; start the check again.</source>
        <translation>读数来自另一台天平，请重新开始检查。</translation>
    </message>
    <message>
        <source>The readability must be a number of grams such as 0.0001.</source>
        <translation>分度值必须是克数，例如 0.0001。</translation>
    </message>
    <message>
        <source>%1 g is not weight %2 (%3 g); put that weight on the pan.</source>
        <translation>%1 g 不是砝码 %2（%3 g），请放上该砝码。</translation>
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
        <source>Daily check passed and recorded; the balance may be used until %1.</source>
        <translation>每日检查合格并已记录；天平可使用至 %1。</translation>
    </message>
    <message>
        <source>Daily check FAILED and recorded: this balance may not be used for certificates until a check passes.</source>
        <translation>每日检查不合格并已记录：在检查合格之前，该天平不得用于出证。</translation>
    </message>
</context>
<context>
    <name>DeclaredTable</name>
    <message>
        <source>Declared by merchant</source>
        <translation>商家申报</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>现测</translation>
    </message>
    <message>
        <source>Metal</source>
        <translation>金属</translation>
    </message>
    <message>
        <source>Stone</source>
        <translation>宝石</translation>
    </message>
    <message>
        <source>Total mass (g)</source>
        <translation>总质量 (g)</translation>
    </message>
    <message>
        <source>Main stone (ct)</source>
        <translation>主石 (ct)</translation>
    </message>
</context>
<context>
    <name>GravityPanel</name>
    <message>
        <source>(not compared)</source>
        <translation>（不比对）</translation>
    </message>
    <message>
        <source>Compute SG</source>
        <translation>计算比重</translation>
    </message>
    <message>
        <source>A: mass in air</source>
        <translation>A：空气中质量</translation>
    </message>
    <message>
        <source>B: mass in water</source>
        <translation>B：水中质量</translation>
    </message>
    <message>
        <source>Water temperature</source>
        <translation>水温</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>比对材料</translation>
    </message>
    <message>
        <source>manual, %1</source>
        <translation>手工录入，%1</translation>
    </message>
    <message>
        <source>Weigh the piece in air and in water first.</source>
        <translation>请先在空气中和水中各称量一次。</translation>
    </message>
</context>
<context>
    <name>JewelryAppraisalScreen</name>
    <message>
        <source>Jewelry appraisal</source>
        <translation>珠宝鉴定</translation>
    </message>
    <message>
        <source>Scan or type the item tag</source>
        <translation>扫描或输入物品标签</translation>
    </message>
    <message>
        <source>No item open. Scan a tag to start.</source>
        <translation>尚未打开物品，请扫描标签开始。</translation>
    </message>
    <message>
        <source>Pass → send to review</source>
        <translation>合格 → 提交复核</translation>
    </message>
    <message>
        <source>Red findings: write why the piece passes anyway</source>
        <translation>存在红色发现：请写明仍判合格的理由</translation>
    </message>
    <message>
        <source>New revision</source>
        <translation>新建修订</translation>
    </message>
    <message>
        <source>Fail → reject…</source>
        <translation>不合格 → 拒收…</translation>
    </message>
    <message>
        <source>Weighing</source>
        <translation>称重</translation>
    </message>
    <message>
        <source>Specific gravity</source>
        <translation>比重</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Other measurements</source>
        <translation>其他测量</translation>
    </message>
    <message>
        <source>Grading</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>Blind appraisal: merchant and declaration are shown once the findings are saved</source>
        <translation>盲评：保存鉴定结果后才显示商家和申报信息</translation>
    </message>
    <message>
        <source>Revision %1 by %2: %3</source>
        <translation>第 %1 版，%2：%3</translation>
    </message>
    <message>
        <source>New revision: change the result, then pass or fail.</source>
        <translation>新修订：修改结果后判定合格或不合格。</translation>
    </message>
    <message>
        <source>Revision %1 passed and sent to review: %2</source>
        <translation>第 %1 版合格，已提交复核：%2</translation>
    </message>
    <message>
        <source>Failed and rejected.</source>
        <translation>已判不合格并拒收。</translation>
    </message>
</context>
<context>
    <name>JewelryForm</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>e.g. 0.30</source>
        <translation>例如 0.30</translation>
    </message>
    <message>
        <source>Piece</source>
        <translation>款式</translation>
    </message>
    <message>
        <source>Metal (GB 11887)</source>
        <translation>贵金属（GB 11887）</translation>
    </message>
    <message>
        <source>Main stone (GB/T 16552)</source>
        <translation>主石（GB/T 16552）</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>成因</translation>
    </message>
    <message>
        <source>Imitates</source>
        <translation>所仿宝石</translation>
    </message>
    <message>
        <source>Composite: second layer</source>
        <translation>拼合石：第二层</translation>
    </message>
    <message>
        <source>Second layer origin</source>
        <translation>第二层成因</translation>
    </message>
    <message>
        <source>Treatments</source>
        <translation>优化处理</translation>
    </message>
    <message>
        <source>Stone mass (ct)</source>
        <translation>主石质量 (ct)</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>粒数</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Diamond grades (GB/T 16554)</source>
        <translation>钻石分级（GB/T 16554）</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Clarity</source>
        <translation>净度</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>切工</translation>
    </message>
    <message>
        <source>Fluorescence</source>
        <translation>荧光</translation>
    </message>
    <message>
        <source>Jadeite grades (GB/T 23885)</source>
        <translation>翡翠分级（GB/T 23885）</translation>
    </message>
    <message>
        <source>Transparency</source>
        <translation>透明度</translation>
    </message>
    <message>
        <source>Texture</source>
        <translation>结构（种）</translation>
    </message>
</context>
<context>
    <name>MeasuresPanel</name>
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
        <source>Hallmark text</source>
        <translation>印记内容</translation>
    </message>
    <message>
        <source>Metal content (XRF)</source>
        <translation>贵金属含量（XRF）</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>状况</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Dimensions (mm)</source>
        <translation>尺寸 (mm)</translation>
    </message>
    <message>
        <source>Refractive index</source>
        <translation>折射率</translation>
    </message>
    <message>
        <source>Observation</source>
        <translation>观察</translation>
    </message>
    <message>
        <source>Saved (%1)</source>
        <translation>已保存（%1）</translation>
    </message>
</context>
<context>
    <name>PhotoPanel</name>
    <message>
        <source>No camera preview</source>
        <translation>无相机画面</translation>
    </message>
    <message>
        <source>Take %1</source>
        <translation>拍摄%1</translation>
    </message>
    <message>
        <source>Retake %1</source>
        <translation>重拍%1</translation>
    </message>
    <message>
        <source> (required)</source>
        <translation>（必拍）</translation>
    </message>
    <message>
        <source>Taking the photo…</source>
        <translation>正在拍照…</translation>
    </message>
    <message>
        <source>Photo saved, SHA-256 %1</source>
        <translation>照片已保存，SHA-256 %1</translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <source>Fail and reject</source>
        <translation>不合格并拒收</translation>
    </message>
    <message>
        <source>The item will be rejected and returned to the merchant.</source>
        <translation>该物品将被拒收并退回商家。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>WeighPanel</name>
    <message>
        <source>NO READING</source>
        <translation>无读数</translation>
    </message>
    <message>
        <source>Balance: not connected</source>
        <translation>天平：未连接</translation>
    </message>
    <message>
        <source>Mass in air</source>
        <translation>空气中质量</translation>
    </message>
    <message>
        <source>Mass in water (SG)</source>
        <translation>水中质量（比重）</translation>
    </message>
    <message>
        <source>Auto-capture when stable</source>
        <translation>稳定后自动采集</translation>
    </message>
    <message>
        <source>Capture stable value</source>
        <translation>采集稳定值</translation>
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
        <source>Type a value…</source>
        <translation>手工录入…</translation>
    </message>
    <message>
        <source>Manual entry needs the manual-entry permission</source>
        <translation>手工录入需要“允许手工录入”权限</translation>
    </message>
    <message>
        <source>Daily check…</source>
        <translation>每日检查…</translation>
    </message>
    <message>
        <source>No balance at this station; manual entry only</source>
        <translation>本工位没有天平，只能手工录入</translation>
    </message>
    <message>
        <source>Balance: %1 %2</source>
        <translation>天平：%1 %2</translation>
    </message>
    <message>
        <source>● STABLE</source>
        <translation>● 稳定</translation>
    </message>
    <message>
        <source>○ UNSTABLE</source>
        <translation>○ 不稳定</translation>
    </message>
    <message>
        <source>Check current until %1</source>
        <translation>检查有效至 %1</translation>
    </message>
    <message>
        <source>Scan an item first.</source>
        <translation>请先扫描物品。</translation>
    </message>
    <message>
        <source>No reading from the balance yet.</source>
        <translation>天平尚无读数。</translation>
    </message>
    <message>
        <source>The reading is not stable yet; wait for the STABLE sign.</source>
        <translation>读数尚未稳定，请等待“稳定”标志。</translation>
    </message>
    <message>
        <source>Manual entry</source>
        <translation>手工录入</translation>
    </message>
    <message>
        <source>Mass in grams (recorded as MANUAL, with your name):</source>
        <translation>质量（克），将标记为手工录入并记录您的姓名：</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>手工</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>天平</translation>
    </message>
    <message>
        <source>Recorded %1 g (%2)</source>
        <translation>已记录 %1 g（%2）</translation>
    </message>
    <message>
        <source>Balance zeroed</source>
        <translation>天平已置零</translation>
    </message>
    <message>
        <source>Balance tared</source>
        <translation>天平已去皮</translation>
    </message>
</context>
</TS>
